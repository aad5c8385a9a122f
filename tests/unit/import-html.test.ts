// HTML the source systems leave in texts is taken out; texts that merely hold < or & are left alone.
import { describe, expect, it } from 'vitest';
import { withoutHtml } from '../../shared/import/html.ts';

describe('withoutHtml', () => {
  it('takes out tags and entities, keeping paragraphs as line breaks', () => {
    expect(withoutHtml('<p>第一段。</p><p>第二段&nbsp;有空格。</p>')).toBe('第一段。\n第二段 有空格。');
    expect(withoutHtml('一<br>二<br/>三')).toBe('一\n二\n三');
    expect(withoutHtml('<span style="color:red">≥90%</span>')).toBe('≥90%');
    expect(withoutHtml('<P>大写标签</P>')).toBe('大写标签');
    expect(withoutHtml('R&amp;D 投入 &lt; 5%')).toBe('R&D 投入 < 5%');
  });

  it('leaves texts without HTML alone', () => {
    for (const t of ['<5次', '≤720万元', 'R&D', '投诉<3件，满意度>90%', '']) expect(withoutHtml(t), t).toBeNull();
  });
});
