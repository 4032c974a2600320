/* test-html-importer.c: tests for reading saved web pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "gloss-article.h"
#include "test-utils.h"

#include <string.h>

static GlossArticle *
import_html (const char *html)
{
  return test_import (html, GLOSS_ARTICLE_FORMAT_HTML);
}

static GlossArticle *
import_html_len (const char *data,
                 gsize       len)
{
  g_autoptr(GError) error = NULL;
  GlossArticle *article;

  article = gloss_article_new_from_data (data, len, GLOSS_ARTICLE_FORMAT_HTML, &error);
  g_assert_no_error (error);
  g_assert_nonnull (article);

  return article;
}

/* Asserts that @html reads as exactly @expected. */
static void
assert_text (const char *html,
             const char *expected)
{
  g_autoptr(GlossArticle) article = import_html (html);

  g_assert_cmpstr (gloss_article_get_text (article), ==, expected);
  g_assert_cmpuint (gloss_article_get_length (article), ==, g_utf8_strlen (expected, -1));
}

static guint
count_spans (GlossArticle  *article,
             GlossSpanKind  kind)
{
  guint n = 0;

  while (test_find_span (article, kind, n) != NULL)
    n++;

  return n;
}

static void
test_simple (void)
{
  g_autoptr(GlossArticle) article = NULL;

  article = import_html ("<!DOCTYPE html>\n"
                         "<html><head><title>T</title></head>\n"
                         "<body>\n"
                         "  <h1>A   headline</h1>\n"
                         "  <p>First\n   paragraph.</p>\n"
                         "  <p>Second <i>one</i>.</p>\n"
                         "  <div>Loose text</div>\n"
                         "  <p>Line one<br>line two</p>\n"
                         "</body></html>\n");

  g_assert_cmpstr (gloss_article_get_text (article), ==,
                   "A headline\n\nFirst paragraph.\n\nSecond one.\n\nLoose text\n\n"
                   "Line one\nline two");
  test_assert_span (article, GLOSS_SPAN_HEADING, 0, "A headline");
  test_assert_span (article, GLOSS_SPAN_PARAGRAPH, 0, "First paragraph.");
  test_assert_span (article, GLOSS_SPAN_PARAGRAPH, 1, "Second one.");
  test_assert_span (article, GLOSS_SPAN_PARAGRAPH, 2, "Line one\nline two");
  test_assert_span (article, GLOSS_SPAN_EMPHASIS, 0, "one");
  /* Plain containers separate blocks but are no paragraphs. */
  g_assert_cmpuint (count_spans (article, GLOSS_SPAN_PARAGRAPH), ==, 3);

  /* Inline markup and white space between blocks add no separators of their own. */
  assert_text ("<p>a</p> \n <p><b>b</b> <i>c</i></p><div><div><p>d</p></div></div>"
               "<section><span>e</span></section>",
               "a\n\nb c\n\nd\n\ne");
}

static void
test_dropped (void)
{
  g_autoptr(GlossArticle) article = NULL;

  article = import_html ("<html><head><title>T</title><style>p { color: red }</style>"
                         "<script>document.write('<p>script</p>')</script></head><body>"
                         "<header class=\"masthead\"><a href=\"/\">Site name</a></header>"
                         "<nav><ul><li>Home</li><li>World</li></ul></nav>"
                         "<div class=\"cookie-banner\">We use cookies. <button>OK</button></div>"
                         "<div id=\"gdpr_consent\">Consent</div>"
                         "<p>Kept.</p>"
                         "<script>var s = '<p>no</p>';</script><noscript>Enable JS</noscript>"
                         "<template><p>template</p></template>"
                         "<aside>Aside</aside>"
                         "<form><p>Search <input value=\"q\"> <select><option>x</option>"
                         "</select><textarea>t</textarea></p></form>"
                         "<div class=\"site_newsletter\">Sign up</div>"
                         "<div class=\"Share-Tools\">Share</div>"
                         "<div class=\"ad\">Buy</div>"
                         "<p class=\"shareholders\">Shareholders met.</p>"
                         "<p class=\"read-more loaded\">Kept too.</p>"
                         "<p hidden>Hidden</p>"
                         "<p aria-hidden=\"true\">Aria hidden</p>"
                         "<p aria-hidden=\"false\">Aria shown.</p>"
                         "<p style=\"color: red; DISPLAY : none\">Display none</p>"
                         "<p style=\"display: inline-block\">Displayed.</p>"
                         "<iframe src=\"https://example.com\">frame</iframe>"
                         "<svg><title>icon</title><text>svg</text></svg>"
                         "<video><p>video</p></video><canvas>canvas</canvas>"
                         "<dialog open>dialog</dialog>"
                         "<footer>Footer</footer>"
                         "<!-- a comment --><?php echo 'pi'; ?>"
                         "</body></html>");

  g_assert_cmpstr (gloss_article_get_text (article), ==,
                   "Kept.\n\nShareholders met.\n\nKept too.\n\nAria shown.\n\nDisplayed.");
}

static void
test_article_header (void)
{
  /* An article's header holds the headline and byline; the page's header does not count. */
  assert_text ("<body><header><p>Site</p></header><article>"
               "<header><h1>Headline</h1><p>By Jane</p></header>"
               "<p>Body.</p><footer>Tags: x</footer></article></body>",
               "Headline\n\nBy Jane\n\nBody.");

  /* A header inside an <article> that encloses <main> is kept too. */
  assert_text ("<body><article><main><header><h1>H</h1></header><p>Body.</p></main>"
               "</article></body>",
               "H\n\nBody.");
}

static void
test_body_choice (void)
{
  /* The <article> with the most text. */
  assert_text ("<body><p>Outside.</p>"
               "<article><p>Teaser.</p></article>"
               "<article><h1>Main story</h1><p>The main story has the most text of all.</p>"
               "<article><p>Nested.</p></article></article>"
               "<article><p>Other teaser.</p></article></body>",
               "Main story\n\nThe main story has the most text of all.\n\nNested.");

  /* Articles in dropped parts of the page do not count; nor do scripts in them. */
  assert_text ("<body><div class=\"related\"><article><p>A long related story, longer than "
               "the other one.</p></article></div>"
               "<article><p>Short story.</p><script>var padding = 'xxxxxxxxxxxxxxxxxxxxxxxxxx"
               "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx';</script></article></body>",
               "Short story.");

  /* An empty article is no article. */
  assert_text ("<body><p>Intro.</p><main><p>Main text.</p><article> </article></main>"
               "</body>",
               "Main text.");

  /* <main>, else role="main", else <body>. */
  assert_text ("<body><div>Menu</div><main><p>In main.</p></main><p>After.</p></body>",
               "In main.");
  assert_text ("<body><div>Menu</div><div role=\"main\"><p>In role main.</p></div>"
               "<p>After.</p></body>",
               "In role main.");
  assert_text ("<body><div>Menu</div><p>All of the body.</p></body>",
               "Menu\n\nAll of the body.");

  /* The chosen root is kept whatever its class says. */
  assert_text ("<body><article class=\"story has-share-bar\"><p>Story.</p></article></body>",
               "Story.");
  /* So are <html> and <body>. */
  assert_text ("<html class=\"ads\"><body class=\"cookie-consent sidebar\"><p>Text.</p>"
               "</body></html>",
               "Text.");
}

static void
test_entities (void)
{
  g_autoptr(GlossArticle) article = NULL;

  assert_text ("<p>Fish &amp; chips&nbsp;&nbsp;here, &#8220;quoted&#8221; &ndash; it&rsquo;s "
               "&lt;fine&gt; &#x2014; &copy; &eacute;t&eacute; &#233;</p>",
               "Fish & chips here, \xe2\x80\x9cquoted\xe2\x80\x9d \xe2\x80\x93 it\xe2\x80\x99s "
               "<fine> \xe2\x80\x94 \xc2\xa9 \xc3\xa9t\xc3\xa9 \xc3\xa9");

  /* Curly quotes written as UTF-8, soft hyphens and zero-width spaces (dropped). */
  assert_text ("<p>\xe2\x80\x98Single\xe2\x80\x99 and \xe2\x80\x9c" "double\xe2\x80\x9d "
               "quo&shy;tes&#8203;.</p>",
               "\xe2\x80\x98Single\xe2\x80\x99 and \xe2\x80\x9c" "double\xe2\x80\x9d quotes.");

  /* Entities in attributes are decoded too. */
  article = import_html ("<p><a href=\"/search?a=1&amp;b=2\">link</a></p>");
  g_assert_cmpstr (test_find_span (article, GLOSS_SPAN_LINK, 0)->href, ==, "/search?a=1&b=2");
}

static void
test_malformed (void)
{
  /* Unclosed paragraphs and list items. */
  assert_text ("<p>One<p>Two<ul><li>a<li>b</ul><p>Three",
               "One\n\nTwo\n\na\n\nb\n\nThree");

  /* Stray end tags. */
  assert_text ("<p>One</p></p></div></span><p>Two</b></p>",
               "One\n\nTwo");

  /* Bad nesting. */
  {
    g_autoptr(GlossArticle) article = import_html ("<p><b>bold <i>both</b> italic</i> "
                                                   "plain</p>");

    g_assert_true (g_str_has_prefix (gloss_article_get_text (article), "bold both"));
    test_assert_span (article, GLOSS_SPAN_STRONG, 0, "bold both");
  }

  /* Unclosed tags at the end, broken attributes, a lone "<". */
  assert_text ("<p>a < b and c > d</p><div class=\"x><p>lost?</p>",
               "a < b and c > d");
  assert_text ("<p>Unclosed <b>bold <a href=\"x\">link",
               "Unclosed bold link");

  /* Comments, processing instructions and CDATA give no text. */
  assert_text ("<p>a<!-- comment -->b<?pi data?>c<![CDATA[cdata]]>d</p>",
               "abcd");

  /* Not HTML at all. */
  assert_text ("Just some text.\n\nMore.", "Just some text. More.");
}

static char *
make_nested (const char *open,
             const char *close,
             guint       depth)
{
  GString *html = g_string_new ("<html><body><p>start</p>");

  for (guint i = 0; i < depth; i++)
    g_string_append (html, open);
  g_string_append (html, "deep");
  for (guint i = 0; i < depth; i++)
    g_string_append (html, close);
  g_string_append (html, "<p>end</p></body></html>");

  return g_string_free (html, FALSE);
}

/* Old pages leave <span>s and <font>s open; libxml2 then nests every later paragraph deeper
 * and stops at depth 256. Such a page is read again without the limit: nothing is lost. */
static void
test_sloppy_nesting (void)
{
  g_autoptr(GString) html = g_string_new ("<html><body>");
  g_autoptr(GlossArticle) article = NULL;
  g_autofree char *last = NULL;

  for (guint i = 0; i < 600; i++)
    g_string_append_printf (html, "<p><span>Paragraph %u", i);
  g_string_append (html, "</body></html>");

  article = test_import (html->str, GLOSS_ARTICLE_FORMAT_HTML);
  g_assert_nonnull (strstr (gloss_article_get_text (article), "Paragraph 0"));
  g_assert_true (g_str_has_suffix (gloss_article_get_text (article), "Paragraph 599"));
}

static void
test_deep_nesting (void)
{
  static const char * const tags[][2] = {
    { "<div>", "</div>" },
    { "<b>", "</b>" },
    { "<blockquote>", "</blockquote>" },
    { "<span><p>", "" },   /* unclosed, as in sloppy pages */
  };

  for (guint i = 0; i < G_N_ELEMENTS (tags); i++)
    {
      g_autofree char *shallow = make_nested (tags[i][0], tags[i][1], 100);
      g_autofree char *deep = make_nested (tags[i][0], tags[i][1], 200000);
      g_autoptr(GlossArticle) a = NULL;
      g_autoptr(GlossArticle) b = NULL;

      /* Below libxml2's limit of 256 levels, everything is read. */
      a = import_html (shallow);
      g_assert_true (g_str_has_prefix (gloss_article_get_text (a), "start\n\ndeep"));
      g_assert_true (g_str_has_suffix (gloss_article_get_text (a), "end"));

      /* Beyond it, libxml2 stops reading the page there: no crash, the text read so far is
       * kept and the rest is lost. */
      b = import_html (deep);
      g_assert_cmpstr (gloss_article_get_text (b), ==, "start");
    }
}

static void
test_metadata (void)
{
  g_autoptr(GlossArticle) article = NULL;

  article = import_html ("<html><head>"
                         "<title>Page title | The Gazette</title>"
                         "<meta property=\"og:title\" content=\" The  OG title \">"
                         "<meta name=\"twitter:title\" content=\"Twitter title\">"
                         "<meta property=\"og:site_name\" content=\"The Gazette\">"
                         "<meta name=\"application-name\" content=\"Gazette App\">"
                         "<meta name=\"author\" content=\"Jane Doe\">"
                         "<meta property=\"article:author\" content=\"John Roe\">"
                         "<meta property=\"article:published_time\" "
                         "content=\"2024-03-01T08:00:00Z\">"
                         "<meta name=\"date\" content=\"2020-01-01\">"
                         "<meta property=\"og:url\" "
                         "content=\"https://gazette.example/a?x=1&amp;y=2\">"
                         "<link rel=\"canonical\" href=\"https://gazette.example/canonical\">"
                         "</head><body><article><h1>Headline</h1>"
                         "<p class=\"byline\">By Someone Else</p>"
                         "<time datetime=\"1999-12-31\">then</time></article></body></html>");

  g_assert_cmpstr (gloss_article_get_title (article), ==, "The OG title");
  g_assert_cmpstr (gloss_article_get_outlet (article), ==, "The Gazette");
  g_assert_cmpstr (gloss_article_get_author (article), ==, "Jane Doe");
  g_assert_cmpstr (gloss_article_get_date (article), ==, "2024-03-01T08:00:00Z");
  g_assert_cmpstr (gloss_article_get_url (article), ==, "https://gazette.example/a?x=1&y=2");
}

static void
test_metadata_fallbacks (void)
{
  g_autoptr(GlossArticle) a = NULL;
  g_autoptr(GlossArticle) b = NULL;
  g_autoptr(GlossArticle) c = NULL;
  g_autoptr(GlossArticle) d = NULL;
  g_autoptr(GlossArticle) e = NULL;
  g_autoptr(GlossArticle) f = NULL;

  /* twitter:title; application-name; article:author; other date names; canonical. */
  a = import_html ("<html><head><title>Head title</title>"
                   "<meta name=\"twitter:title\" content=\"Twitter title\">"
                   "<meta name=\"application-name\" content=\"Gazette App\">"
                   "<meta property=\"article:author\" content=\"https://facebook.com/jane\">"
                   "<meta property=\"article:author\" content=\"Jane Doe\">"
                   "<meta name=\"DC.date.issued\" content=\"2021-05-06\">"
                   "<link rel=\"Canonical\" href=\"/relative/url\">"
                   "</head><body><p>Text</p></body></html>");
  g_assert_cmpstr (gloss_article_get_title (a), ==, "Twitter title");
  g_assert_cmpstr (gloss_article_get_outlet (a), ==, "Gazette App");
  g_assert_cmpstr (gloss_article_get_author (a), ==, "Jane Doe");
  g_assert_cmpstr (gloss_article_get_date (a), ==, "2021-05-06");
  g_assert_cmpstr (gloss_article_get_url (a), ==, "/relative/url");

  /* The first h1 of the article body; a byline; the first <time>. */
  b = import_html ("<html><head><title>Head title</title>"
                   "<meta property=\"article:author\" content=\"https://example.com/jane\">"
                   "</head><body><header><h1>Site name</h1></header>"
                   "<article><header><h1>The <em>real</em> headline</h1>"
                   "<div class=\"article-byline\">By <a rel=\"author\" href=\"/jane\">Jane "
                   "Doe</a></div>"
                   "<time>no datetime</time><time datetime=\"2022-02-02T10:00\">Feb 2</time>"
                   "</header><h1>Second h1</h1><p>Text</p></article></body></html>");
  g_assert_cmpstr (gloss_article_get_title (b), ==, "The real headline");
  g_assert_cmpstr (gloss_article_get_author (b), ==, "Jane Doe");
  g_assert_cmpstr (gloss_article_get_date (b), ==, "2022-02-02T10:00");
  g_assert_null (gloss_article_get_url (b));
  g_assert_null (gloss_article_get_outlet (b));

  /* The <title>, and rel="author" on its own; meta name=pubdate and dc.date. */
  c = import_html ("<html><head><title>  Just the\n title </title>"
                   "<meta name=\"pubdate\" content=\"2019-01-01\">"
                   "<meta name=\"dc.date\" content=\"2018-01-01\"></head>"
                   "<body><p>Words by <a rel=\"author\" href=\"/x\">Ann Lee</a>.</p></body>"
                   "</html>");
  g_assert_cmpstr (gloss_article_get_title (c), ==, "Just the title");
  g_assert_cmpstr (gloss_article_get_author (c), ==, "Ann Lee");
  g_assert_cmpstr (gloss_article_get_date (c), ==, "2019-01-01");

  /* A byline or author element outside the article body, or far too long, is no author. */
  d = import_html ("<html><body><div class=\"author\">Not the article's</div>"
                   "<article><p>Text of the article.</p>"
                   "<div class=\"author-bio\">Jane Doe has written about bridges, tunnels, "
                   "ferries and every other way across water for thirty years, and has "
                   "won prizes for it.</div></article></body></html>");
  g_assert_null (gloss_article_get_author (d));
  g_assert_null (gloss_article_get_title (d));
  g_assert_null (gloss_article_get_date (d));

  /* An h1 holding only a logo, and an empty byline, leave it to the next ones. */
  f = import_html ("<body><h1><img src=\"logo.png\" alt=\"Logo\"></h1><p class=\"byline\"></p>"
                   "<h1>Real title</h1><p class=\"byline\">BY  Ann Lee</p></body>");
  g_assert_cmpstr (gloss_article_get_title (f), ==, "Real title");
  g_assert_cmpstr (gloss_article_get_author (f), ==, "Ann Lee");

  /* No metadata at all. */
  e = import_html ("<p>Nothing but a paragraph.</p>");
  g_assert_null (gloss_article_get_title (e));
  g_assert_null (gloss_article_get_outlet (e));
  g_assert_null (gloss_article_get_author (e));
  g_assert_null (gloss_article_get_date (e));
  g_assert_null (gloss_article_get_url (e));
}

static void
assert_title (const char *head,
              const char *expected)
{
  g_autofree char *html = g_strdup_printf ("<html><head>%s</head><body><p>x</p></body></html>",
                                           head);
  g_autoptr(GlossArticle) article = import_html (html);

  g_assert_cmpstr (gloss_article_get_title (article), ==, expected);
}

static void
test_title_suffix (void)
{
  const char *site = "<meta property=\"og:site_name\" content=\"The Gazette\">";
  struct {
    const char *title;
    const char *expected;
  } cases[] = {
    { "Bridge reopens | The Gazette", "Bridge reopens" },
    { "Bridge reopens - The Gazette", "Bridge reopens" },
    { "Bridge reopens \xe2\x80\x94 The Gazette", "Bridge reopens" },
    { "Bridge reopens \xe2\x80\x93 The Gazette", "Bridge reopens" },
    { "Bridge reopens | the gazette", "Bridge reopens" },
    { "Bridge  reopens   |  The Gazette ", "Bridge reopens" },
    { "Bridge reopens | Other Paper", "Bridge reopens | Other Paper" },
    { "Bridge reopens - The Gazette Weekly", "Bridge reopens - The Gazette Weekly" },
    { "Bridge reopens|The Gazette", "Bridge reopens|The Gazette" },
    { "The Gazette", "The Gazette" },
    { " | The Gazette", "| The Gazette" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *head = g_strdup_printf ("<title>%s</title>%s", cases[i].title, site);

      assert_title (head, cases[i].expected);
    }

  /* application-name counts as the site name; with no site name nothing is stripped. */
  assert_title ("<title>A | Gazette</title><meta name=\"application-name\" content=\"Gazette\">",
                "A");
  assert_title ("<title>A | Gazette</title>", "A | Gazette");
  /* Only the <title> is stripped. */
  assert_title ("<meta property=\"og:title\" content=\"A | The Gazette\">"
                "<meta property=\"og:site_name\" content=\"The Gazette\">",
                "A | The Gazette");
}

static void
test_encoding_meta_charset (void)
{
  g_autoptr(GlossArticle) a = NULL;
  g_autoptr(GlossArticle) b = NULL;
  g_autoptr(GlossArticle) c = NULL;
  g_autoptr(GlossArticle) d = NULL;

  /* Windows-1252 bytes: curly quotes, é, the euro sign; 0x81 is unassigned (dropped) and
   * must not stop the parser. */
  a = import_html ("<html><head><meta charset=\"windows-1252\"></head>"
                   "<body><p>\x93" "Caf\xe9\x94 \x80" "5 \x81x</p><p>After.</p></body></html>");
  g_assert_cmpstr (gloss_article_get_text (a), ==,
                   "\xe2\x80\x9c" "Caf\xc3\xa9\xe2\x80\x9d \xe2\x82\xac" "5 x\n\nAfter.");

  /* http-equiv; ISO-8859-1 is read as Windows-1252, as browsers do. */
  b = import_html ("<html><head><meta http-equiv=\"Content-Type\" "
                   "content=\"text/html; charset=ISO-8859-1\"></head>"
                   "<body><p>\x93na\xefve\x94</p></body></html>");
  g_assert_cmpstr (gloss_article_get_text (b), ==, "\xe2\x80\x9cna\xc3\xafve\xe2\x80\x9d");

  /* Other charsets are left to libxml2. */
  c = import_html ("<meta charset=koi8-r><p>\xf0\xd2\xc9\xd7\xc5\xd4</p>");
  g_assert_cmpstr (gloss_article_get_text (c), ==,
                   "\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82");

  /* A declaration libxml2 does not know is ignored. */
  d = import_html ("<meta charset=\"x-no-such-charset\"><p>Caf\xc3\xa9</p>");
  g_assert_cmpstr (gloss_article_get_text (d), ==, "Caf\xc3\xa9");
}

static void
test_encoding_undeclared (void)
{
  g_autoptr(GlossArticle) a = NULL;
  g_autoptr(GlossArticle) b = NULL;
  g_autoptr(GlossArticle) c = NULL;

  /* Valid UTF-8 is read as UTF-8. */
  a = import_html ("<p>Caf\xc3\xa9 \xe2\x80\x9cquoted\xe2\x80\x9d \xe6\x97\xa5\xe6\x9c\xac</p>");
  g_assert_cmpstr (gloss_article_get_text (a), ==,
                   "Caf\xc3\xa9 \xe2\x80\x9cquoted\xe2\x80\x9d \xe6\x97\xa5\xe6\x9c\xac");

  /* Anything else as Windows-1252 (a superset of Latin-1). */
  b = import_html ("<p>Caf\xe9 \x93quoted\x94 na\xefve \x8d end</p><p>After.</p>");
  g_assert_cmpstr (gloss_article_get_text (b), ==,
                   "Caf\xc3\xa9 \xe2\x80\x9cquoted\xe2\x80\x9d na\xc3\xafve end\n\nAfter.");

  /* A declaration after the first 2 KB does not count. */
  {
    GString *html = g_string_new ("<html><head><!--");

    for (guint i = 0; i < 2100; i++)
      g_string_append_c (html, 'x');
    g_string_append (html, "--><meta charset=\"koi8-r\"></head><body><p>Caf\xc3\xa9</p>"
                           "</body></html>");
    c = import_html_len (html->str, html->len);
    g_assert_cmpstr (gloss_article_get_text (c), ==, "Caf\xc3\xa9");
    g_string_free (html, TRUE);
  }
}

static void
test_encoding_bom (void)
{
  g_autoptr(GlossArticle) a = NULL;
  g_autoptr(GlossArticle) b = NULL;
  g_autoptr(GlossArticle) c = NULL;

  a = import_html ("\xef\xbb\xbf<p>Caf\xc3\xa9</p>");
  g_assert_cmpstr (gloss_article_get_text (a), ==, "Caf\xc3\xa9");

  /* The BOM wins over a declaration. */
  b = import_html ("\xef\xbb\xbf<meta charset=\"windows-1252\"><p>Caf\xc3\xa9</p>");
  g_assert_cmpstr (gloss_article_get_text (b), ==, "Caf\xc3\xa9");

  /* Invalid bytes in UTF-8 become U+FFFD, as in browsers. */
  c = import_html ("<meta charset=\"utf-8\"><p>Caf\xe9 ok \xc3\xa9</p>");
  g_assert_cmpstr (gloss_article_get_text (c), ==, "Caf\xef\xbf\xbd ok \xc3\xa9");
}

static void
test_headings (void)
{
  g_autoptr(GlossArticle) article = NULL;

  article = import_html ("<h1>One</h1><h2>Two</h2><h3>Three</h3><h4>Four</h4><h5>Five</h5>"
                         "<h6>Six <small>small</small></h6><h2><div>In a div</div></h2>");

  g_assert_cmpstr (gloss_article_get_text (article), ==,
                   "One\n\nTwo\n\nThree\n\nFour\n\nFive\n\nSix small\n\nIn a div");
  for (guint i = 0; i < 6; i++)
    {
      const GlossSpan *span = test_find_span (article, GLOSS_SPAN_HEADING, i);

      g_assert_nonnull (span);
      g_assert_cmpuint (span->level, ==, i + 1);
    }
  test_assert_span (article, GLOSS_SPAN_HEADING, 5, "Six small");
  test_assert_span (article, GLOSS_SPAN_HEADING, 6, "In a div");
  g_assert_cmpuint (test_find_span (article, GLOSS_SPAN_HEADING, 6)->level, ==, 2);
}

static void
test_links (void)
{
  g_autoptr(GlossArticle) article = NULL;
  const GlossSpan *span;

  article = import_html ("<p>See <a href=\"../relative/page.html#frag\">this page</a>, "
                         "<a name=\"anchor\">not a link</a>, "
                         "<a href=\"https://example.com/a b\">that one</a> and "
                         "<a href=\"\">empty</a>.</p>");

  g_assert_cmpstr (gloss_article_get_text (article), ==,
                   "See this page, not a link, that one and empty.");
  g_assert_cmpuint (count_spans (article, GLOSS_SPAN_LINK), ==, 3);
  test_assert_span (article, GLOSS_SPAN_LINK, 0, "this page");
  span = test_find_span (article, GLOSS_SPAN_LINK, 0);
  /* As written: not resolved against anything. */
  g_assert_cmpstr (span->href, ==, "../relative/page.html#frag");
  g_assert_cmpstr (test_find_span (article, GLOSS_SPAN_LINK, 1)->href, ==,
                   "https://example.com/a b");
  g_assert_cmpstr (test_find_span (article, GLOSS_SPAN_LINK, 2)->href, ==, "");
}

static void
test_inline (void)
{
  g_autoptr(GlossArticle) article = NULL;

  article = import_html ("<p><em>em</em> <i>i</i> <cite>cite</cite> <dfn>dfn</dfn> "
                         "<strong>strong</strong> <b>b</b> <code>code</code> <kbd>kbd</kbd> "
                         "<samp>samp</samp> <tt>tt</tt> <u>u</u> <span>span</span> "
                         "<b>bold <b>and bolder</b></b></p>");

  g_assert_cmpstr (gloss_article_get_text (article), ==,
                   "em i cite dfn strong b code kbd samp tt u span bold and bolder");
  test_assert_span (article, GLOSS_SPAN_EMPHASIS, 0, "em");
  test_assert_span (article, GLOSS_SPAN_EMPHASIS, 1, "i");
  test_assert_span (article, GLOSS_SPAN_EMPHASIS, 2, "cite");
  test_assert_span (article, GLOSS_SPAN_EMPHASIS, 3, "dfn");
  test_assert_span (article, GLOSS_SPAN_STRONG, 0, "strong");
  test_assert_span (article, GLOSS_SPAN_STRONG, 1, "b");
  test_assert_span (article, GLOSS_SPAN_CODE, 0, "code");
  test_assert_span (article, GLOSS_SPAN_CODE, 1, "kbd");
  test_assert_span (article, GLOSS_SPAN_CODE, 2, "samp");
  test_assert_span (article, GLOSS_SPAN_CODE, 3, "tt");
  /* Nested <b>s make one range. */
  test_assert_span (article, GLOSS_SPAN_STRONG, 2, "bold and bolder");
  g_assert_cmpuint (count_spans (article, GLOSS_SPAN_STRONG), ==, 3);
  g_assert_cmpuint (count_spans (article, GLOSS_SPAN_EMPHASIS), ==, 4);
}

static void
test_inline_across_blocks (void)
{
  g_autoptr(GlossArticle) article = NULL;
  const GlossSpan *spans;
  guint n_spans;

  /* A link around a whole teaser card: one link range per block, none across them. */
  article = import_html ("<div><a href=\"/story\"><h2>Title</h2><p>Teaser <b>text</b></p>"
                         "<div>More</div></a></div>");

  g_assert_cmpstr (gloss_article_get_text (article), ==, "Title\n\nTeaser text\n\nMore");
  test_assert_span (article, GLOSS_SPAN_LINK, 0, "Title");
  test_assert_span (article, GLOSS_SPAN_LINK, 1, "Teaser text");
  test_assert_span (article, GLOSS_SPAN_LINK, 2, "More");
  g_assert_cmpstr (test_find_span (article, GLOSS_SPAN_LINK, 2)->href, ==, "/story");
  test_assert_span (article, GLOSS_SPAN_STRONG, 0, "text");

  spans = gloss_article_get_spans (article, &n_spans);
  for (guint i = 0; i < n_spans; i++)
    if (!gloss_span_kind_is_block (spans[i].kind))
      {
        g_autofree char *text = test_span_text (article, &spans[i]);

        g_assert_null (strchr (text, '\n'));
      }
}

static void
test_lists (void)
{
  g_autoptr(GlossArticle) article = NULL;

  article = import_html ("<ul><li>One</li><li>Two<ol><li>Two-a</li><li>Two-b<ul>"
                         "<li>Deep</li></ul></li></ol></li><li>Three</li></ul>"
                         "<dl><dt>Term</dt><dd>Definition</dd></dl>");

  g_assert_cmpstr (gloss_article_get_text (article), ==,
                   "One\n\nTwo\n\nTwo-a\n\nTwo-b\n\nDeep\n\nThree\n\nTerm\n\nDefinition");
  test_assert_span (article, GLOSS_SPAN_LIST_ITEM, 0, "One");
  test_assert_span (article, GLOSS_SPAN_LIST_ITEM, 1, "Two\n\nTwo-a\n\nTwo-b\n\nDeep");
  test_assert_span (article, GLOSS_SPAN_LIST_ITEM, 2, "Two-a");
  test_assert_span (article, GLOSS_SPAN_LIST_ITEM, 3, "Two-b\n\nDeep");
  test_assert_span (article, GLOSS_SPAN_LIST_ITEM, 4, "Deep");
  test_assert_span (article, GLOSS_SPAN_LIST_ITEM, 5, "Three");
  g_assert_cmpuint (test_find_span (article, GLOSS_SPAN_LIST_ITEM, 0)->level, ==, 1);
  g_assert_cmpuint (test_find_span (article, GLOSS_SPAN_LIST_ITEM, 2)->level, ==, 2);
  g_assert_cmpuint (test_find_span (article, GLOSS_SPAN_LIST_ITEM, 4)->level, ==, 3);
  g_assert_cmpuint (test_find_span (article, GLOSS_SPAN_LIST_ITEM, 5)->level, ==, 1);
  test_assert_span (article, GLOSS_SPAN_PARAGRAPH, 0, "Term");
  test_assert_span (article, GLOSS_SPAN_PARAGRAPH, 1, "Definition");
}

static void
test_blockquote (void)
{
  g_autoptr(GlossArticle) article = NULL;

  article = import_html ("<p>Before.</p><blockquote><p>Outer.</p><blockquote>Inner.</blockquote>"
                         "</blockquote><blockquote>Again.</blockquote>");

  g_assert_cmpstr (gloss_article_get_text (article), ==, "Before.\n\nOuter.\n\nInner.\n\nAgain.");
  test_assert_span (article, GLOSS_SPAN_BLOCKQUOTE, 0, "Outer.\n\nInner.");
  test_assert_span (article, GLOSS_SPAN_BLOCKQUOTE, 1, "Inner.");
  test_assert_span (article, GLOSS_SPAN_BLOCKQUOTE, 2, "Again.");
  g_assert_cmpuint (test_find_span (article, GLOSS_SPAN_BLOCKQUOTE, 0)->level, ==, 1);
  g_assert_cmpuint (test_find_span (article, GLOSS_SPAN_BLOCKQUOTE, 1)->level, ==, 2);
  g_assert_cmpuint (test_find_span (article, GLOSS_SPAN_BLOCKQUOTE, 2)->level, ==, 1);
}

static void
test_captions (void)
{
  g_autoptr(GlossArticle) article = NULL;

  article = import_html ("<p>Text.</p>"
                         "<figure><img src=\"a.jpg\" alt=\"Unused alt\">"
                         "<figcaption>The <em>caption</em>.</figcaption></figure>"
                         "<figure><a href=\"big.jpg\"><img src=\"b.jpg\" alt=\"Alt as caption\">"
                         "</a></figure>"
                         "<figure><img src=\"c.jpg\" alt=\"Alt, empty caption\">"
                         "<figcaption> </figcaption></figure>"
                         "<figure><img src=\"d.jpg\" alt=\"\"></figure>"
                         "<p class=\"image-caption\">Caption by class.</p>"
                         "<div class=\"caption\"><span class=\"caption-text\">Nested</span></div>"
                         "<p>Inline <img src=\"e.jpg\" alt=\"no figure, no text\"> image.</p>"
                         "<table><caption>Table caption</caption><tr><td>cell</td></tr></table>");

  g_assert_cmpstr (gloss_article_get_text (article), ==,
                   "Text.\n\nThe caption.\n\nAlt as caption\n\nAlt, empty caption\n\n"
                   "Caption by class.\n\nNested\n\nInline image.\n\nTable caption\n\ncell");
  test_assert_span (article, GLOSS_SPAN_CAPTION, 0, "The caption.");
  test_assert_span (article, GLOSS_SPAN_CAPTION, 1, "Alt as caption");
  test_assert_span (article, GLOSS_SPAN_CAPTION, 2, "Alt, empty caption");
  test_assert_span (article, GLOSS_SPAN_CAPTION, 3, "Caption by class.");
  test_assert_span (article, GLOSS_SPAN_CAPTION, 4, "Nested");
  test_assert_span (article, GLOSS_SPAN_CAPTION, 5, "Table caption");
  g_assert_cmpuint (count_spans (article, GLOSS_SPAN_CAPTION), ==, 6);
  test_assert_span (article, GLOSS_SPAN_EMPHASIS, 0, "caption");
  /* The alt text caption is not part of the link around the image. */
  g_assert_null (test_find_span (article, GLOSS_SPAN_LINK, 0));
}

static void
test_pre (void)
{
  g_autoptr(GlossArticle) article = NULL;

  article = import_html ("<p>Code:</p><pre>\n"
                         "int\n"
                         "main (void)\n"
                         "{\n"
                         "  return  <b>0</b>;\t/* &lt;done&gt; */\n"
                         "\n"
                         "}\n"
                         "</pre><pre><code>x  =  1</code></pre><p>After   it.</p>"
                         "<pre>a   <br>  b <b>c  </b>  \n\t </pre>"
                         "<pre>d  <span>&#8203;</span></pre><pre>e &nbsp;</pre>");

  /* Code keeps its spaces, but no line or block ends in them. */
  g_assert_cmpstr (gloss_article_get_text (article), ==,
                   "Code:\n\nint\nmain (void)\n{\n  return  0;\t/* <done> */\n}\n\n"
                   "x  =  1\n\nAfter it.\n\na\n  b c\n\nd\n\ne");
  test_assert_span (article, GLOSS_SPAN_CODE_BLOCK, 0,
                    "int\nmain (void)\n{\n  return  0;\t/* <done> */\n}");
  test_assert_span (article, GLOSS_SPAN_CODE_BLOCK, 1, "x  =  1");
  test_assert_span (article, GLOSS_SPAN_STRONG, 0, "0");
  /* <pre><code> is a code block, not code in one. */
  g_assert_null (test_find_span (article, GLOSS_SPAN_CODE, 0));
}

static void
test_table (void)
{
  g_autoptr(GlossArticle) article = NULL;

  article = import_html ("<table>\n"
                         "  <thead><tr><th> Name </th><th>Age</th></tr></thead>\n"
                         "  <tbody>\n"
                         "    <tr>\n"
                         "      <td>Ann  Lee</td>\n"
                         "      <td> <b>31</b> </td>\n"
                         "    </tr>\n"
                         "    <tr><td>Bob</td><td></td><td>x</td></tr>\n"
                         "    <tr><td></td><td>Second only</td></tr>\n"
                         "    <tr><td>Empty cells last</td><td> </td><td></td></tr>\n"
                         "  </tbody>\n"
                         "</table><p>After.</p>"
                         "<table><tr><td>Last</td><td></td></tr>"
                         "<tr><td>Z</td><td>&#8203;&shy;</td></tr>"
                         "<tr><td>&nbsp;Y&nbsp;</td><td>&nbsp;</td><td>&#8203;W</td></tr></table>");

  /* No tab is left at the end of a row. */
  g_assert_cmpstr (gloss_article_get_text (article), ==,
                   "Name\tAge\n\nAnn Lee\t31\n\nBob\t\tx\n\nSecond only\n\n"
                   "Empty cells last\n\nAfter.\n\nLast\n\nZ\n\nY\t\tW");
  test_assert_span (article, GLOSS_SPAN_PARAGRAPH, 0, "Name\tAge");
  test_assert_span (article, GLOSS_SPAN_PARAGRAPH, 1, "Ann Lee\t31");
  test_assert_span (article, GLOSS_SPAN_STRONG, 0, "31");
  test_assert_span (article, GLOSS_SPAN_PARAGRAPH, 2, "Bob\t\tx");
}

static void
test_images_not_fetched (void)
{
  g_autoptr(GlossArticle) article = NULL;

  /* Nothing resolvable here exists; the page reads at once, with no text from images. */
  article = import_html ("<p>Before <img src=\"http://192.0.2.1/pixel.gif\" "
                         "srcset=\"http://192.0.2.1/a.jpg 2x\" alt=\"An alt text\">after.</p>"
                         "<picture><source srcset=\"http://192.0.2.1/b.webp\">"
                         "<img src=\"http://192.0.2.1/b.jpg\"></picture>"
                         "<p><object data=\"http://192.0.2.1/c.swf\">Object</object>"
                         "<img src=\"file:///etc/passwd\"></p>"
                         "<link rel=\"stylesheet\" href=\"http://192.0.2.1/style.css\">");

  g_assert_cmpstr (gloss_article_get_text (article), ==, "Before after.");
}

static void
test_empty (void)
{
  static const char * const inputs[] = {
    "",
    "   \n\t \r\n",
    "\xef\xbb\xbf",
    "\xef\xbb\xbf  \n",
    "<!-- only a comment -->",
    "<!DOCTYPE html>",
    "<html></html>",
    "<html><head><title>Only a title</title></head><body></body></html>",
    "<",
    "<p>",
    "<script>only('a script')</script>",
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GlossArticle) article = import_html (inputs[i]);

      g_assert_cmpstr (gloss_article_get_text (article), ==, "");
      g_assert_cmpuint (gloss_article_get_length (article), ==, 0);
    }
}

static void
test_lenient_retry (void)
{
  /* ASP.NET pages wrap the whole page in a <form>. */
  assert_text ("<html><body><form id=\"aspnetForm\" action=\"x.aspx\">"
               "<input type=\"hidden\" name=\"__VIEWSTATE\" value=\"x\">"
               "<h1>Headline</h1><p>Body text.</p><nav>Menu</nav></form></body></html>",
               "Headline\n\nBody text.");

  /* A container with an unlucky class name. */
  assert_text ("<html><body><div class=\"page-with-sidebar\"><p>All the text.</p>"
               "<div class=\"cookie\">Cookie</div></div></body></html>",
               "All the text.\n\nCookie");
}

static void
test_large (void)
{
  g_autoptr(GlossArticle) article = NULL;
  GString *html = g_string_new ("<!DOCTYPE html><html><head><title>Big</title></head><body>"
                                "<nav>Menu</nav><article><h1>A big page</h1>\n");
  gint64 start;
  gdouble seconds;
  guint paragraphs = 0;

  while (html->len < 10 * 1024 * 1024)
    {
      g_string_append_printf (html,
                              "<p>Paragraph %u with <a href=\"/l%u\">a link</a>, <em>some "
                              "emphasis</em> &amp; an entity&nbsp;here.</p>\n"
                              "<div class=\"block\"><span>More text %u</span></div>\n"
                              "<script>var x%u = 1;</script>\n",
                              paragraphs, paragraphs, paragraphs, paragraphs);
      paragraphs++;
    }
  g_string_append (html, "</article></body></html>\n");

  start = g_get_monotonic_time ();
  article = import_html_len (html->str, html->len);
  seconds = (g_get_monotonic_time () - start) / (gdouble) G_USEC_PER_SEC;
  g_test_message ("%zu bytes read in %.3f s", html->len, seconds);

  g_assert_true (g_str_has_prefix (gloss_article_get_text (article),
                                   "A big page\n\nParagraph 0 with a link, some emphasis & "
                                   "an entity here.\n\nMore text 0\n\nParagraph 1 "));
  g_assert_cmpuint (count_spans (article, GLOSS_SPAN_HEADING), ==, 1);
  g_assert_nonnull (test_find_span (article, GLOSS_SPAN_LINK, paragraphs - 1));
  g_assert_null (test_find_span (article, GLOSS_SPAN_LINK, paragraphs));
  /* speed is for tests/bench (bench-open), not for a test on a busy machine */

  g_string_free (html, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gloss/html-importer/simple", test_simple);
  g_test_add_func ("/gloss/html-importer/dropped", test_dropped);
  g_test_add_func ("/gloss/html-importer/article-header", test_article_header);
  g_test_add_func ("/gloss/html-importer/body-choice", test_body_choice);
  g_test_add_func ("/gloss/html-importer/entities", test_entities);
  g_test_add_func ("/gloss/html-importer/malformed", test_malformed);
  g_test_add_func ("/gloss/html-importer/deep-nesting", test_deep_nesting);
  g_test_add_func ("/gloss/html-importer/sloppy-nesting", test_sloppy_nesting);
  g_test_add_func ("/gloss/html-importer/metadata", test_metadata);
  g_test_add_func ("/gloss/html-importer/metadata-fallbacks", test_metadata_fallbacks);
  g_test_add_func ("/gloss/html-importer/title-suffix", test_title_suffix);
  g_test_add_func ("/gloss/html-importer/encoding/meta-charset", test_encoding_meta_charset);
  g_test_add_func ("/gloss/html-importer/encoding/undeclared", test_encoding_undeclared);
  g_test_add_func ("/gloss/html-importer/encoding/bom", test_encoding_bom);
  g_test_add_func ("/gloss/html-importer/spans/headings", test_headings);
  g_test_add_func ("/gloss/html-importer/spans/links", test_links);
  g_test_add_func ("/gloss/html-importer/spans/inline", test_inline);
  g_test_add_func ("/gloss/html-importer/spans/inline-across-blocks", test_inline_across_blocks);
  g_test_add_func ("/gloss/html-importer/spans/lists", test_lists);
  g_test_add_func ("/gloss/html-importer/spans/blockquote", test_blockquote);
  g_test_add_func ("/gloss/html-importer/spans/captions", test_captions);
  g_test_add_func ("/gloss/html-importer/spans/pre", test_pre);
  g_test_add_func ("/gloss/html-importer/spans/table", test_table);
  g_test_add_func ("/gloss/html-importer/images-not-fetched", test_images_not_fetched);
  g_test_add_func ("/gloss/html-importer/empty", test_empty);
  g_test_add_func ("/gloss/html-importer/lenient-retry", test_lenient_retry);
  g_test_add_func ("/gloss/html-importer/large", test_large);

  return g_test_run ();
}
