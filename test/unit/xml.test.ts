import { describe, it } from 'vitest';
import { readFlatXml, XmlError, type XmlErrorCode } from '../../src/wecom/xml';
import { KF_EVENT_FIELDS, KF_EVENT_XML } from '../fixtures/kf-event';

function refusal(text: string): XmlErrorCode | 'accepted' {
  try {
    readFlatXml(text);
    return 'accepted';
  } catch (error) {
    if (error instanceof XmlError) return error.code;
    throw error;
  }
}

describe('readFlatXml: what WeCom sends', () => {
  it('reads the envelope of Tencent’s sample POST, AgentID included', ({ expect }) => {
    const body =
      '<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName><Encrypt><![CDATA[RypEvHKD8QQ+/==]]></Encrypt><AgentID><![CDATA[218]]></AgentID></xml>';
    expect(readFlatXml(body)).toEqual({ ToUserName: 'wx5823bf96d3bd56c7', Encrypt: 'RypEvHKD8QQ+/==', AgentID: '218' });
  });

  it('reads the decrypted kf_msg_or_event with numbers kept as strings (doc 94670)', ({ expect }) => {
    expect(readFlatXml(KF_EVENT_XML)).toEqual(KF_EVENT_FIELDS);
  });

  it('keeps values exactly: no trimming, leading zeros and long ids survive', ({ expect }) => {
    expect(readFlatXml('<xml><A> x </A><B>007</B><MsgId>4561255354251345929</MsgId></xml>')).toEqual({ A: ' x ', B: '007', MsgId: '4561255354251345929' });
  });

  it('reads empty elements, self-closing ones, an XML declaration, comments and a BOM-less prolog', ({ expect }) => {
    expect(readFlatXml('<?xml version="1.0" encoding="UTF-8"?>\n<!-- c --><xml><AgentID/><Empty></Empty><C><![CDATA[]]></C><!-- c --></xml>\n')).toEqual({
      AgentID: '',
      Empty: '',
      C: '',
    });
  });

  it('joins text and CDATA, and keeps markup inside CDATA as text', ({ expect }) => {
    expect(readFlatXml('<xml><Content>a<![CDATA[<b>&amp;</b>]]>c</Content></xml>')).toEqual({ Content: 'a<b>&amp;</b>c' });
  });

  it('decodes the five predefined entities and character references, nothing else', ({ expect }) => {
    expect(readFlatXml('<xml><T>&lt;&gt;&amp;&quot;&apos;&#20320;&#x597D;&#x1F600;</T></xml>')).toEqual({ T: '<>&"\'你好😀' });
  });

  it('leaves nested containers out of the flat view, but checks them', ({ expect }) => {
    expect(readFlatXml('<xml><Event>x</Event><PicList><item><PicMd5Sum>ab</PicMd5Sum></item><item/></PicList></xml>')).toEqual({ Event: 'x' });
    expect(refusal('<xml><PicList><item></PicList></xml>')).toBe('malformed');
    expect(refusal('<xml><PicList>text<item/></PicList></xml>')).toBe('malformed');
  });

  it('returns an ordinary object in which inherited names are ordinary fields', ({ expect }) => {
    const fields = readFlatXml('<xml><toString>1</toString><constructor>2</constructor></xml>');
    expect(fields).toEqual({ toString: '1', constructor: '2' });
    expect(Object.getPrototypeOf(fields)).toBe(Object.prototype);
    expect(refusal('<xml><__proto__>x</__proto__></xml>')).toBe('malformed');
  });
});

describe('readFlatXml: refusals', () => {
  it('refuses any DOCTYPE: internal subset, external DTD, entity bombs', ({ expect }) => {
    expect(refusal('<!DOCTYPE xml><xml><A>1</A></xml>')).toBe('doctype');
    expect(refusal('<?xml version="1.0"?><!DOCTYPE xml SYSTEM "http://evil.test/x.dtd"><xml/>')).toBe('doctype');
    expect(refusal('<!DOCTYPE xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><xml><Encrypt>&xxe;</Encrypt></xml>')).toBe('doctype');
    const laughs = '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">]><xml><A>&lol2;</A></xml>';
    expect(refusal(laughs)).toBe('doctype');
    expect(refusal('<xml><A>1</A></xml><!doctype x>')).toBe('doctype');
  });

  it('reads "<!DOCTYPE" inside CDATA as the text it is', ({ expect }) => {
    expect(readFlatXml('<xml><Content><![CDATA[<!DOCTYPE html> is a tag]]></Content></xml>')).toEqual({ Content: '<!DOCTYPE html> is a tag' });
  });

  it('refuses entity declarations and references to undeclared entities', ({ expect }) => {
    expect(refusal('<xml><!ENTITY a "b"><A>1</A></xml>')).toBe('entity');
    expect(refusal('<xml><Encrypt>&xxe;</Encrypt></xml>')).toBe('entity');
    expect(refusal('<xml><A>&#xZZ;</A></xml>')).toBe('entity');
    expect(refusal('<xml><A>a & b</A></xml>')).toBe('malformed');
    expect(refusal('<xml><A>&#0;</A></xml>')).toBe('malformed');
  });

  it('refuses other roots, JSON and text', ({ expect }) => {
    for (const text of ['', '   ', '{"encrypt":"x"}', 'success', '<root><A>1</A></root>', '<xmlx><A>1</A></xmlx>', '<xml a="1"><A>1</A></xml>', '<xml/>']) {
      expect(refusal(text), text).toBe('root');
    }
  });

  it('refuses broken structure', ({ expect }) => {
    const broken = [
      '<xml><A>1</A>',
      '<xml><A>1</B></xml>',
      '<xml><A>1</A></xml><xml></xml>',
      '<xml><A>1</A></xml>trailing',
      '<xml>loose text<A>1</A></xml>',
      '<xml><A x="1">1</A></xml>',
      '<xml><A><![CDATA[never closed</A></xml>',
      '<xml><A>1</A><!-- never closed </xml>',
      '<xml><?pi x?><A>1</A></xml>',
      '<xml><1A>1</1A></xml>',
      '<xml><A>x]]>y</A></xml>',
      `<xml>${'<A>'.repeat(40)}${'</A>'.repeat(40)}</xml>`,
    ];
    for (const text of broken) expect(refusal(text), text).toBe('malformed');
  });

  it('refuses a top-level name given twice, so the signed <Encrypt> is the only one', ({ expect }) => {
    expect(refusal('<xml><Encrypt>a</Encrypt><Encrypt>b</Encrypt></xml>')).toBe('duplicate');
  });

  it('reports where it stopped', ({ expect }) => {
    expect(() => readFlatXml('<xml><A>1</B></xml>')).toThrow(/offset \d+: expected <\/A>/);
  });
});
