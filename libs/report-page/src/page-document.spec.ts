import { describe, expect, it } from 'vitest';
import { jsonForScript, selfContainedHtml, servedPageHtml } from './page-document';

describe('the page documents', () => {
  it('serves the shell with its files by URL and says whether the API needs a token', () => {
    const html = servedPageHtml(true);
    expect(html).toContain('<meta name="driftwatch-auth" content="token">');
    expect(html).toContain('<script type="module" src="/page/page.mjs"></script>');
    expect(servedPageHtml(false)).toContain('content="none"');
  });

  it('inlines everything into one file, data that cannot close its script element', () => {
    const html = selfContainedHtml({ view: 'compare', report: { features: [{ name: '</script><script>alert(1)</script>' }] } }, 'a <b> & "c"');
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).not.toContain('<link rel="stylesheet"');
    expect(html).toContain('<title>a &#60;b&#62; &#38; &#34;c&#34;</title>');
    // Exactly the three script elements the file is made of: data, Chart.js, the page's module (none injected).
    expect(html.match(/<script/g)).toHaveLength(3);
    const data = /<script id="driftwatch-data" type="application\/json">(.*?)<\/script>/s.exec(html)?.[1] ?? '';
    expect(JSON.parse(data).report.features[0].name).toBe('</script><script>alert(1)</script>');
  });

  it('escapes < and the line separators in inlined JSON', () => {
    expect(jsonForScript({ a: '<\u2028\u2029' })).toBe('{"a":"\\u003c\\u2028\\u2029"}');
  });
});
