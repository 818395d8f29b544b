import { h } from '../ui/dom';
import { configPage, type Ctx, type Page } from '../ui/page';

/** 敏感词: the word list, pasted in bulk (one per line), and the reply a customer gets when blocked. */
export const sensitivePage: Page = {
  id: 'sensitive',
  title: '敏感词',
  render: (ctx: Ctx) =>
    configPage(ctx, '敏感词', '客户消息命中即拦截（机器人不处理）并回复提示；机器人的回复命中则不发送。匹配忽略全半角、大小写和夹在字间的空格符号。', (form) => {
      const words = form.lines(['sensitive_words', 'words'], '敏感词', { rows: 14, hint: '每行一个，可整批粘贴' });
      const count = h('p', { class: 'muted', 'aria-live': 'polite' });
      const update = () => (count.textContent = `共 ${((form.value(['sensitive_words', 'words']) as string[] | undefined) ?? []).length} 个词`);
      words.querySelector('textarea')?.addEventListener('input', update);
      update();
      return [words, count, form.text(['sensitive_words', 'reply'], '拦截后回复客户', { multiline: true })];
    }),
};
