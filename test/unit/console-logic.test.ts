import { describe, expect, it } from 'vitest';
import { toCsv } from '../../src/console/logic/csv';
import { periodTitle } from '../../src/console/logic/format';
import { placeIssues, unplacedText } from '../../src/console/logic/issues';
import { diffJson } from '../../src/console/logic/json-diff';
import { getAt, pathKey, setAt, showPath } from '../../src/console/logic/paths';
import { draftStatus } from '../../src/console/logic/save-status';
import { previewTemplate } from '../../src/console/logic/templates';
import { validateConfig } from '../../src/rules/config-validate';

describe('issue paths → fields', () => {
  const fields = new Set(['knowledge.0.id', 'knowledge.0.questions.0', 'knowledge.0.questions.1', 'knowledge.0', 'links.0.timezone']);

  it('puts each issue on the field of its exact path, else on the nearest enclosing one', () => {
    const placed = placeIssues(
      [
        { code: 'too_small', path: ['knowledge', 0, 'questions', 1], message: 'must not be empty' },
        { code: 'invalid_type', path: ['knowledge', 0, 'answer'], message: 'expected string' },
        { code: 'custom', path: ['links', 0, 'timezone'], message: 'not an IANA time zone' },
        { code: 'custom', path: ['routing', 2], message: 'after the default rule' },
      ],
      fields,
    );
    expect(placed.byField.get('knowledge.0.questions.1')).toEqual(['must not be empty']);
    // The entry has no answer input on this form: its fieldset shows the problem.
    expect(placed.byField.get('knowledge.0')).toEqual(['expected string']);
    expect(placed.byField.get('links.0.timezone')).toEqual(['not an IANA time zone']);
    expect(placed.unplaced.map(unplacedText)).toEqual(['routing[2]: after the default rule']);
  });

  it('places what the real validation reports: zod shapes and the cross-checks alike', () => {
    const refused = (doc: unknown) => {
      const result = validateConfig(doc);
      if (result.ok) throw new Error('the document should be refused');
      return placeIssues(result.issues, fields);
    };
    const shape = refused({ knowledge: [{ id: 'price', questions: ['价格', ''], answer: '99 元' }] });
    expect([...shape.byField.keys()]).toEqual(['knowledge.0.questions.1']);
    const zone = refused({ links: [{ open_kfid: 'wk1', name: '售前', timezone: 'Mars/Base' }] });
    expect([...zone.byField.keys()]).toEqual(['links.0.timezone']);
    expect([...shape.unplaced, ...zone.unplaced]).toEqual([]);
  });

  it('names the unknown keys zod reports', () => {
    const result = validateConfig({ knowledge: [{ id: 'a', questions: ['q'], answer: 'x', answr: 'y' }] });
    if (result.ok) throw new Error('a misspelt key must be refused');
    expect(placeIssues(result.issues, fields).byField.get('knowledge.0')?.[0]).toContain('answr');
  });
});

describe('paths', () => {
  it('reads, writes and removes values, creating arrays and objects on the way', () => {
    const doc: Record<string, unknown> = {};
    setAt(doc, ['links', 0, 'working_hours', 0, 'start'], '09:00');
    expect(doc).toEqual({ links: [{ working_hours: [{ start: '09:00' }] }] });
    expect(getAt(doc, ['links', 0, 'working_hours', 0, 'start'])).toBe('09:00');
    setAt(doc, ['links', 0, 'working_hours', 0, 'start'], undefined);
    expect(doc).toEqual({ links: [{ working_hours: [{}] }] });
    setAt(doc, ['links', 0], undefined);
    expect(doc).toEqual({ links: [] });
    expect(getAt(doc, ['missing', 3, 'x'])).toBeUndefined();
    expect(pathKey(['a', 0, 'b'])).toBe('a.0.b');
    expect(showPath(['knowledge', 2, 'questions', 1])).toBe('knowledge[2].questions[1]');
  });
});

describe('JSON diff', () => {
  it('lists additions, removals and changes by path, in document order', () => {
    const before = { knowledge: [{ id: 'a', questions: ['x'] }], bot: { min_confidence: 0.5 }, gone: true };
    const after = { knowledge: [{ id: 'a', questions: ['x', 'y'] }, { id: 'b' }], bot: { min_confidence: 0.4 } };
    expect(diffJson(before, after)).toEqual([
      { kind: 'added', path: ['knowledge', 0, 'questions', 1], after: 'y' },
      { kind: 'added', path: ['knowledge', 1], after: { id: 'b' } },
      { kind: 'changed', path: ['bot', 'min_confidence'], before: 0.5, after: 0.4 },
      { kind: 'removed', path: ['gone'], before: true },
    ]);
  });

  it('finds nothing between equal documents, whatever their key order', () => {
    expect(diffJson({ a: 1, b: [1, { c: 2, d: 3 }] }, { b: [1, { d: 3, c: 2 }], a: 1 })).toEqual([]);
  });

  it('sees a value that changed type as changed', () => {
    expect(diffJson({ a: [1] }, { a: { 0: 1 } })).toEqual([{ kind: 'changed', path: ['a'], before: [1], after: { 0: 1 } }]);
  });
});

describe('CSV export', () => {
  it('quotes per RFC 4180 with a byte-order mark and CRLF', () => {
    expect(toCsv(['意图', '次数'], [['价格, 优惠', 3], ['说"好"', null], ['多\n行', 1.5]])).toBe('\uFEFF意图,次数\r\n"价格, 优惠",3\r\n"说""好""",\r\n"多\n行",1.5\r\n');
  });

  it('never lets a cell start like a formula', () => {
    expect(toCsv(['a'], [['=HYPERLINK("x")'], ['+1'], ['-2'], ['@x'], [-3]])).toBe('\uFEFFa\r\n"\'=HYPERLINK(""x"")"\r\n\'+1\r\n\'-2\r\n\'@x\r\n-3\r\n');
  });
});

describe('queue prompt preview', () => {
  it('fills {position} and {wait_minutes} as the bot does', () => {
    expect(previewTemplate('queue_prompt', '排第 {position} 位，约 {wait_minutes} 分钟')).toEqual({ text: '排第 3 位，约 6 分钟', unknown: [], builtin: false });
  });

  it('names placeholders the bot will not fill', () => {
    expect(previewTemplate('queue_prompt', '排第 {postion} 位 {position}').unknown).toEqual(['postion']);
  });

  it('shows the built-in text when the field is empty', () => {
    const p = previewTemplate('off_hours_reply', ' ');
    expect(p.builtin).toBe(true);
    expect(p.text).toContain('明天 09:00');
  });
});

describe('working period headings', () => {
  it('show the times as they are, the missing one as ?', () => {
    expect(periodTitle({ start: '09:00', end: '18:00' }, 0)).toBe('时段 1：09:00-18:00');
    expect(periodTitle({ start: '22:00', end: '' }, 1)).toBe('时段 2：22:00-?');
    expect(periodTitle({ end: '02:00' }, 2)).toBe('时段 3：?-02:00');
    expect(periodTitle({}, 3)).toBe('时段 4');
  });
});

describe('the save bar', () => {
  it('says where the draft stands: from stable, edited, saved, edited again', () => {
    expect(draftStatus({ dirty: false, base: null, saved: null })).toBe('尚无配置版本');
    expect(draftStatus({ dirty: false, base: 3, saved: null })).toBe('基于稳定版 v3');
    expect(draftStatus({ dirty: true, base: 3, saved: null })).toBe('有未保存的修改');
    expect(draftStatus({ dirty: false, base: 3, saved: 4 })).toBe('已保存为 v4，尚未发布（稳定版 v3）');
    expect(draftStatus({ dirty: true, base: 3, saved: 4 })).toBe('有未保存的修改（上次保存为 v4）');
  });

  it('the first version saved is the stable one', () => {
    expect(draftStatus({ dirty: false, base: 1, saved: 1 })).toBe('已保存为 v1，即稳定版');
  });
});
