import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { WIDGET_JS } from '../../src/routes/widget-script';

/** The consult button's script, run against a minimal page: which link.json it reads for its attributes. */
function endpointRead(attributes: Record<string, string>): string | null {
  let fetched: string | null = null;
  const script = { src: 'https://edge.example/widget.js', getAttribute: (name: string) => attributes[name] ?? null };
  const element = { style: {}, setAttribute() {}, addEventListener() {} };
  runInNewContext(WIDGET_JS, {
    document: { currentScript: script, createElement: () => element, body: null, addEventListener() {} },
    location: { pathname: '/shop/1' },
    navigator: { userAgent: 'test' },
    console: { warn() {} },
    URL,
    fetch: (url: string) => {
      fetched = url;
      return new Promise(() => undefined);
    },
  });
  return fetched;
}

describe('widget.js', () => {
  it('reads the own corp’s channel without data-corp, exactly as before', () => {
    expect(endpointRead({ 'data-channel': 'WEB' })).toBe('https://edge.example/channels/WEB/link.json?page=%2Fshop%2F1');
  });

  it('passes data-corp on as ?corp=, so an authorized corp’s page reads that corp’s channel', () => {
    expect(endpointRead({ 'data-channel': 'WEB', 'data-corp': 'wwcorpb00000000002' })).toBe('https://edge.example/channels/WEB/link.json?page=%2Fshop%2F1&corp=wwcorpb00000000002');
  });

  it('reads nothing without a valid channel code', () => {
    expect(endpointRead({ 'data-channel': 'bad code' })).toBeNull();
  });
});
