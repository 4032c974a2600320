/* test-markdown-importer.c: tests for the Markdown importer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "gloss-article.h"
#include "gloss-markdown-importer.h"
#include "test-utils.h"

static GlossArticle *
import (const char *markdown)
{
  return test_import (markdown, GLOSS_ARTICLE_FORMAT_MARKDOWN);
}

static guint
count_spans (GlossArticle  *article,
             GlossSpanKind  kind)
{
  const GlossSpan *spans;
  guint n_spans;
  guint count = 0;

  spans = gloss_article_get_spans (article, &n_spans);
  for (guint i = 0; i < n_spans; i++)
    if (spans[i].kind == kind)
      count++;

  return count;
}

static void
assert_level (GlossArticle  *article,
              GlossSpanKind  kind,
              guint          nth,
              guint          level)
{
  const GlossSpan *span = test_find_span (article, kind, nth);

  g_assert_nonnull (span);
  g_assert_cmpuint (span->level, ==, level);
}

static void
test_empty (void)
{
  const char *inputs[] = { "", "\n", "\n\n   \n\t\n", "---\n", "***\n\n___", "<!-- only -->" };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GlossArticle) article = import (inputs[i]);
      guint n_spans;

      g_assert_cmpstr (gloss_article_get_text (article), ==, "");
      g_assert_cmpuint (gloss_article_get_length (article), ==, 0);
      gloss_article_get_spans (article, &n_spans);
      g_assert_cmpuint (n_spans, ==, 0);
      g_assert_null (gloss_article_get_title (article));
    }
}

static void
test_paragraphs (void)
{
  g_autoptr(GlossArticle) article = NULL;

  article = import ("First paragraph\nwraps   here.\n\n\n\nSecond one.\n\n  Third, indented.\n");
  g_assert_cmpstr (gloss_article_get_text (article), ==,
                   "First paragraph wraps here.\n\nSecond one.\n\nThird, indented.");
  g_assert_cmpuint (count_spans (article, GLOSS_SPAN_PARAGRAPH), ==, 3);
  test_assert_span (article, GLOSS_SPAN_PARAGRAPH, 0, "First paragraph wraps here.");
  test_assert_span (article, GLOSS_SPAN_PARAGRAPH, 1, "Second one.");
  test_assert_span (article, GLOSS_SPAN_PARAGRAPH, 2, "Third, indented.");
  test_assert_well_formed (article);
}

static void
test_headings (void)
{
  g_autoptr(GlossArticle) article = NULL;

  article = import ("# One\n\n## Two ##\n\nText\n\n###### Six\n\nSetext\n======\n\nSub\n---\n");
  g_assert_cmpstr (gloss_article_get_text (article), ==,
                   "One\n\nTwo\n\nText\n\nSix\n\nSetext\n\nSub");
  g_assert_cmpuint (count_spans (article, GLOSS_SPAN_HEADING), ==, 5);
  test_assert_span (article, GLOSS_SPAN_HEADING, 0, "One");
  test_assert_span (article, GLOSS_SPAN_HEADING, 1, "Two");
  test_assert_span (article, GLOSS_SPAN_HEADING, 2, "Six");
  test_assert_span (article, GLOSS_SPAN_HEADING, 3, "Setext");
  test_assert_span (article, GLOSS_SPAN_HEADING, 4, "Sub");
  assert_level (article, GLOSS_SPAN_HEADING, 0, 1);
  assert_level (article, GLOSS_SPAN_HEADING, 1, 2);
  assert_level (article, GLOSS_SPAN_HEADING, 2, 6);
  assert_level (article, GLOSS_SPAN_HEADING, 3, 1);
  assert_level (article, GLOSS_SPAN_HEADING, 4, 2);
  test_assert_span (article, GLOSS_SPAN_PARAGRAPH, 0, "Text");
  test_assert_well_formed (article);
}

static void
test_emphasis (void)
{
  g_autoptr(GlossArticle) article = NULL;

  article = import ("Some *light*, **strong** and ***both*** words, _under_ and "
                    "~~struck~~ text, with `a  code` span.");
  g_assert_cmpstr (gloss_article_get_text (article), ==,
                   "Some light, strong and both words, under and struck text, "
                   "with a code span.");
  test_assert_span (article, GLOSS_SPAN_EMPHASIS, 0, "light");
  test_assert_span (article, GLOSS_SPAN_STRONG, 0, "strong");
  test_assert_span (article, GLOSS_SPAN_EMPHASIS, 1, "both");
  test_assert_span (article, GLOSS_SPAN_STRONG, 1, "both");
  test_assert_span (article, GLOSS_SPAN_EMPHASIS, 2, "under");
  test_assert_span (article, GLOSS_SPAN_CODE, 0, "a code");
  g_assert_cmpuint (count_spans (article, GLOSS_SPAN_EMPHASIS), ==, 3);
  g_assert_cmpuint (count_spans (article, GLOSS_SPAN_STRONG), ==, 2);
  /* Strike-through keeps its text but has no range. */
  g_assert_cmpuint (count_spans (article, GLOSS_SPAN_CODE), ==, 1);
  test_assert_well_formed (article);
}

static void
test_links (void)
{
  g_autoptr(GlossArticle) article = NULL;
  const GlossSpan *span;

  article = import ("Read [the *full* story](https://example.com/a?x=1&amp;y=2 \"Title\") "
                    "or <https://example.org/b>, www.example.net and mail "
                    "news@example.com.\n\n"
                    "[ref link][r]\n\n"
                    "[r]: https://example.com/ref\n");
  g_assert_cmpstr (gloss_article_get_text (article), ==,
                   "Read the full story or https://example.org/b, www.example.net and mail "
                   "news@example.com.\n\nref link");

  test_assert_span (article, GLOSS_SPAN_LINK, 0, "the full story");
  span = test_find_span (article, GLOSS_SPAN_LINK, 0);
  g_assert_cmpstr (span->href, ==, "https://example.com/a?x=1&y=2");
  test_assert_span (article, GLOSS_SPAN_EMPHASIS, 0, "full");

  test_assert_span (article, GLOSS_SPAN_LINK, 1, "https://example.org/b");
  g_assert_cmpstr (test_find_span (article, GLOSS_SPAN_LINK, 1)->href, ==,
                   "https://example.org/b");
  test_assert_span (article, GLOSS_SPAN_LINK, 2, "www.example.net");
  g_assert_true (g_str_has_suffix (test_find_span (article, GLOSS_SPAN_LINK, 2)->href,
                                   "www.example.net"));
  test_assert_span (article, GLOSS_SPAN_LINK, 3, "news@example.com");
  test_assert_span (article, GLOSS_SPAN_LINK, 4, "ref link");
  g_assert_cmpstr (test_find_span (article, GLOSS_SPAN_LINK, 4)->href, ==,
                   "https://example.com/ref");
  g_assert_cmpuint (count_spans (article, GLOSS_SPAN_LINK), ==, 5);
  test_assert_well_formed (article);
}

static void
test_front_matter (void)
{
  g_autoptr(GlossArticle) article = NULL;

  article = import ("---\n"
                    "title: Harbor fire contained\n"
                    "author: Jane Doe\n"
                    "date: 2024-05-01T09:30:00Z\n"
                    "outlet: The Harbor Gazette\n"
                    "url: https://gazette.example/harbor-fire#top\n"
                    "tags: [fire, harbor]\n"
                    "---\n"
                    "# A different heading\n\n"
                    "Body text.\n");
  g_assert_cmpstr (gloss_article_get_title (article), ==, "Harbor fire contained");
  g_assert_cmpstr (gloss_article_get_author (article), ==, "Jane Doe");
  g_assert_cmpstr (gloss_article_get_date (article), ==, "2024-05-01T09:30:00Z");
  g_assert_cmpstr (gloss_article_get_outlet (article), ==, "The Harbor Gazette");
  g_assert_cmpstr (gloss_article_get_url (article), ==, "https://gazette.example/harbor-fire#top");
  g_assert_cmpstr (gloss_article_get_text (article), ==, "A different heading\n\nBody text.");
  test_assert_well_formed (article);
}

static void
test_front_matter_quoted (void)
{
  g_autoptr(GlossArticle) article = NULL;

  article = import ("---\n"
                    "Title: \"Mayor says \\\"no\\\" to \\u00e9tude\"   # a comment\n"
                    "BYLINE: 'O''Brien'\n"
                    "\"published\": \"2024-05-01\"\n"
                    "site_name: Plain value # trailing comment\n"
                    "link: \"https://x.example/?q=a#frag\"\n"
                    "...\n"
                    "Text\n");
  g_assert_cmpstr (gloss_article_get_title (article), ==, "Mayor says \"no\" to \xc3\xa9tude");
  g_assert_cmpstr (gloss_article_get_author (article), ==, "O'Brien");
  g_assert_cmpstr (gloss_article_get_date (article), ==, "2024-05-01");
  g_assert_cmpstr (gloss_article_get_outlet (article), ==, "Plain value");
  g_assert_cmpstr (gloss_article_get_url (article), ==, "https://x.example/?q=a#frag");
  g_assert_cmpstr (gloss_article_get_text (article), ==, "Text");
}

static void
test_front_matter_lists (void)
{
  g_autoptr(GlossArticle) article = NULL;
  g_autoptr(GlossArticle) inline_list = NULL;
  g_autoptr(GlossArticle) folded = NULL;

  article = import ("---\n"
                    "authors:\n"
                    "  - Jane Doe\n"
                    "  - \"Roe, John\"\n"
                    "\n"
                    "  - name: Ann Poe\n"
                    "    email: ann@example.com\n"
                    "publisher:\n"
                    "  name: nested maps are ignored\n"
                    "source_url:\n"
                    "  - https://a.example/\n"
                    "  - https://b.example/\n"
                    "---\n"
                    "Text\n");
  g_assert_cmpstr (gloss_article_get_author (article), ==, "Jane Doe, Roe, John, Ann Poe");
  g_assert_null (gloss_article_get_outlet (article));
  g_assert_cmpstr (gloss_article_get_url (article), ==, "https://a.example/");
  g_assert_cmpstr (gloss_article_get_text (article), ==, "Text");

  inline_list = import ("---\n"
                        "creator: [Jane Doe, 'John Roe', \"Poe, Ann\"]\n"
                        "---\n");
  g_assert_cmpstr (gloss_article_get_author (inline_list), ==, "Jane Doe, John Roe, Poe, Ann");

  folded = import ("---\n"
                   "title: >-\n"
                   "  A title folded\n"
                   "  over two lines\n"
                   "pubdate: 1 May\n"
                   "  2024\n"
                   "---\n");
  g_assert_cmpstr (gloss_article_get_title (folded), ==, "A title folded over two lines");
  g_assert_cmpstr (gloss_article_get_date (folded), ==, "1 May 2024");
}

static void
test_front_matter_source (void)
{
  g_autoptr(GlossArticle) name = NULL;
  g_autoptr(GlossArticle) url = NULL;
  g_autoptr(GlossArticle) first_wins = NULL;

  name = import ("---\nsource: Reuters\n---\n");
  g_assert_cmpstr (gloss_article_get_outlet (name), ==, "Reuters");
  g_assert_null (gloss_article_get_url (name));

  url = import ("---\nsource: https://www.reuters.example/world/1\n---\n");
  g_assert_null (gloss_article_get_outlet (url));
  g_assert_cmpstr (gloss_article_get_url (url), ==, "https://www.reuters.example/world/1");

  /* Of several keys for one field the first is kept. */
  first_wins = import ("---\nsite: First\npublication: Second\ncanonical: https://1.example/\n"
                       "original_url: https://2.example/\nsource: www.3.example\n---\n");
  g_assert_cmpstr (gloss_article_get_outlet (first_wins), ==, "First");
  g_assert_cmpstr (gloss_article_get_url (first_wins), ==, "https://1.example/");
}

static void
test_front_matter_unclosed (void)
{
  g_autoptr(GlossArticle) article = NULL;

  article = import ("---\ntitle: Unclosed\nauthor: Nobody\n\nBody text\n");
  g_assert_null (gloss_article_get_title (article));
  g_assert_null (gloss_article_get_author (article));
  g_assert_cmpstr (gloss_article_get_text (article), ==,
                   "title: Unclosed author: Nobody\n\nBody text");
  test_assert_well_formed (article);
}

static void
test_front_matter_not_at_start (void)
{
  g_autoptr(GlossArticle) blank_line = NULL;
  g_autoptr(GlossArticle) rules = NULL;

  /* Only at the very start: here it is a rule and a level-2 heading. */
  blank_line = import ("\n---\ntitle: Late\n---\nBody\n");
  g_assert_null (gloss_article_get_title (blank_line));
  g_assert_cmpstr (gloss_article_get_text (blank_line), ==, "title: Late\n\nBody");
  test_assert_span (blank_line, GLOSS_SPAN_HEADING, 0, "title: Late");

  /* A rule followed by a blank line is no front matter: the text between rules is kept. */
  rules = import ("---\n\nIntro\n\n---\n\nBody\n");
  g_assert_cmpstr (gloss_article_get_text (rules), ==, "Intro\n\nBody");
  g_assert_null (gloss_article_get_title (rules));
}

static void
test_front_matter_only (void)
{
  g_autoptr(GlossArticle) article = NULL;
  g_autoptr(GlossArticle) dots = NULL;
  g_autoptr(GlossArticle) empty = NULL;
  guint n_spans;

  article = import ("---\ntitle: Only metadata\nauthor: A. Writer\n---\n");
  g_assert_cmpstr (gloss_article_get_text (article), ==, "");
  gloss_article_get_spans (article, &n_spans);
  g_assert_cmpuint (n_spans, ==, 0);
  g_assert_cmpstr (gloss_article_get_title (article), ==, "Only metadata");
  g_assert_cmpstr (gloss_article_get_author (article), ==, "A. Writer");

  /* Closed by "..." on the last line, without a newline. */
  dots = import ("---\ntitle: Dots\n...");
  g_assert_cmpstr (gloss_article_get_text (dots), ==, "");
  g_assert_cmpstr (gloss_article_get_title (dots), ==, "Dots");

  empty = import ("---\n---\nJust text\n");
  g_assert_cmpstr (gloss_article_get_text (empty), ==, "Just text");
  g_assert_null (gloss_article_get_title (empty));
}

static void
test_front_matter_bad_yaml (void)
{
  g_autoptr(GlossArticle) article = NULL;

  article = import ("---\n"
                    ": no key\n"
                    "- stray item\n"
                    "  indented: x\n"
                    "title [broken\n"
                    "key without colon\n"
                    "url:no-space-is-no-key\n"
                    "author: [unclosed, list\n"
                    "date: \"unterminated\n"
                    "title: Good\n"
                    "title: Second title ignored\n"
                    "outlet: ''\n"
                    "{ flow: map }\n"
                    "\t\x01\xff junk\n"
                    "---\n"
                    "Body\n");
  g_assert_cmpstr (gloss_article_get_title (article), ==, "Good");
  g_assert_cmpstr (gloss_article_get_author (article), ==, "unclosed, list");
  g_assert_cmpstr (gloss_article_get_date (article), ==, "unterminated");
  g_assert_null (gloss_article_get_outlet (article));
  g_assert_null (gloss_article_get_url (article));
  g_assert_cmpstr (gloss_article_get_text (article), ==, "Body");
}

static void
test_title_from_heading (void)
{
  g_autoptr(GlossArticle) article = NULL;
  g_autoptr(GlossArticle) quoted = NULL;
  g_autoptr(GlossArticle) setext = NULL;
  g_autoptr(GlossArticle) none = NULL;
  g_autoptr(GlossArticle) empty_title = NULL;

  article = import ("Intro paragraph.\n\n## Not level one\n\n# The *real* title &amp; more\n\n"
                    "# A second one\n");
  g_assert_cmpstr (gloss_article_get_title (article), ==, "The real title & more");

  /* A heading quoted from elsewhere does not name the article. */
  quoted = import ("> # Quoted\n\n- # In a list\n\n# Top\n");
  g_assert_cmpstr (gloss_article_get_title (quoted), ==, "Top");

  setext = import ("Setext  title\n=====\n\nText\n");
  g_assert_cmpstr (gloss_article_get_title (setext), ==, "Setext title");

  none = import ("## Only level two\n\nText\n");
  g_assert_null (gloss_article_get_title (none));

  /* An empty title in the front matter is no title. */
  empty_title = import ("---\ntitle: \"\"\n---\n# From the heading\n");
  g_assert_cmpstr (gloss_article_get_title (empty_title), ==, "From the heading");
}

static void
test_lists (void)
{
  g_autoptr(GlossArticle) article = NULL;
  g_autoptr(GlossArticle) loose = NULL;

  article = import ("- one\n"
                    "  - two\n"
                    "    - three\n"
                    "- four\n"
                    "\n"
                    "1. first\n"
                    "2. second\n"
                    "   * inner\n"
                    "\n"
                    "- [x] done\n"
                    "- [ ] todo\n");
  g_assert_cmpstr (gloss_article_get_text (article), ==,
                   "one\n\ntwo\n\nthree\n\nfour\n\nfirst\n\nsecond\n\ninner\n\ndone\n\ntodo");
  g_assert_cmpuint (count_spans (article, GLOSS_SPAN_LIST_ITEM), ==, 9);
  test_assert_span (article, GLOSS_SPAN_LIST_ITEM, 0, "one\n\ntwo\n\nthree");
  test_assert_span (article, GLOSS_SPAN_LIST_ITEM, 1, "two\n\nthree");
  test_assert_span (article, GLOSS_SPAN_LIST_ITEM, 2, "three");
  test_assert_span (article, GLOSS_SPAN_LIST_ITEM, 3, "four");
  test_assert_span (article, GLOSS_SPAN_LIST_ITEM, 6, "inner");
  test_assert_span (article, GLOSS_SPAN_LIST_ITEM, 7, "done");
  assert_level (article, GLOSS_SPAN_LIST_ITEM, 0, 1);
  assert_level (article, GLOSS_SPAN_LIST_ITEM, 1, 2);
  assert_level (article, GLOSS_SPAN_LIST_ITEM, 2, 3);
  assert_level (article, GLOSS_SPAN_LIST_ITEM, 3, 1);
  assert_level (article, GLOSS_SPAN_LIST_ITEM, 4, 1);
  assert_level (article, GLOSS_SPAN_LIST_ITEM, 5, 1);
  assert_level (article, GLOSS_SPAN_LIST_ITEM, 6, 2);
  assert_level (article, GLOSS_SPAN_LIST_ITEM, 8, 1);
  /* Tight lists have no paragraphs. */
  g_assert_cmpuint (count_spans (article, GLOSS_SPAN_PARAGRAPH), ==, 0);
  test_assert_well_formed (article);

  loose = import ("* loose\n\n* list\n\n  second *para*\n");
  g_assert_cmpstr (gloss_article_get_text (loose), ==, "loose\n\nlist\n\nsecond para");
  test_assert_span (loose, GLOSS_SPAN_LIST_ITEM, 1, "list\n\nsecond para");
  test_assert_span (loose, GLOSS_SPAN_PARAGRAPH, 2, "second para");
  test_assert_span (loose, GLOSS_SPAN_EMPHASIS, 0, "para");
}

static void
test_quotes (void)
{
  g_autoptr(GlossArticle) article = NULL;
  g_autoptr(GlossArticle) in_list = NULL;

  article = import ("> outer\n"
                    ">\n"
                    "> > inner\n"
                    "> > > innermost\n"
                    ">\n"
                    "> back\n"
                    "\n"
                    "after\n");
  g_assert_cmpstr (gloss_article_get_text (article), ==,
                   "outer\n\ninner\n\ninnermost\n\nback\n\nafter");
  g_assert_cmpuint (count_spans (article, GLOSS_SPAN_BLOCKQUOTE), ==, 3);
  test_assert_span (article, GLOSS_SPAN_BLOCKQUOTE, 0, "outer\n\ninner\n\ninnermost\n\nback");
  test_assert_span (article, GLOSS_SPAN_BLOCKQUOTE, 1, "inner\n\ninnermost");
  test_assert_span (article, GLOSS_SPAN_BLOCKQUOTE, 2, "innermost");
  assert_level (article, GLOSS_SPAN_BLOCKQUOTE, 0, 1);
  assert_level (article, GLOSS_SPAN_BLOCKQUOTE, 1, 2);
  assert_level (article, GLOSS_SPAN_BLOCKQUOTE, 2, 3);
  test_assert_span (article, GLOSS_SPAN_PARAGRAPH, 4, "after");
  test_assert_well_formed (article);

  in_list = import ("- item\n\n  > quoted in item\n  > - list in quote\n");
  g_assert_cmpstr (gloss_article_get_text (in_list), ==,
                   "item\n\nquoted in item\n\nlist in quote");
  assert_level (in_list, GLOSS_SPAN_BLOCKQUOTE, 0, 1);
  assert_level (in_list, GLOSS_SPAN_LIST_ITEM, 1, 2);
}

static void
test_code_blocks (void)
{
  g_autoptr(GlossArticle) article = NULL;
  g_autoptr(GlossArticle) indented = NULL;
  g_autoptr(GlossArticle) control = NULL;

  article = import ("```python\n"
                    "def f():\n"
                    "\n"
                    "\n"
                    "    return  1   # *not* emphasis &amp;\n"
                    "```\n"
                    "\n"
                    "    indented\n"
                    "      more\n"
                    "\n"
                    "    after blank\n"
                    "\n"
                    "~~~\n"
                    "\ttabbed\n"
                    "~~~\n"
                    "\n"
                    "Text with `inline   code`.\n"
                    "\n"
                    "```\n"
                    "trailing   \n"
                    "  blanks \t \n"
                    "```\n");
  g_assert_cmpstr (gloss_article_get_text (article), ==,
                   "def f():\n"
                   "    return  1   # *not* emphasis &amp;\n"
                   "\n"
                   "indented\n"
                   "  more\n"
                   "after blank\n"
                   "\n"
                   "tabbed\n"
                   "\n"
                   "Text with inline code.\n"
                   "\n"
                   "trailing\n"
                   "  blanks");
  g_assert_cmpuint (count_spans (article, GLOSS_SPAN_CODE_BLOCK), ==, 4);
  test_assert_span (article, GLOSS_SPAN_CODE_BLOCK, 0,
                    "def f():\n    return  1   # *not* emphasis &amp;");
  test_assert_span (article, GLOSS_SPAN_CODE_BLOCK, 1, "indented\n  more\nafter blank");
  test_assert_span (article, GLOSS_SPAN_CODE_BLOCK, 2, "tabbed");
  test_assert_span (article, GLOSS_SPAN_CODE, 0, "inline code");
  /* Blanks that end a line are dropped, or the last line's would trail in the text. */
  test_assert_span (article, GLOSS_SPAN_CODE_BLOCK, 3, "trailing\n  blanks");
  g_assert_cmpuint (count_spans (article, GLOSS_SPAN_EMPHASIS), ==, 0);
  test_assert_well_formed (article);

  /* Found by fuzzing: an indented code block in a list item, its text after a control. */
  indented = import ("+" "                                                                "
                     "       \x01.          ");
  g_assert_cmpstr (gloss_article_get_text (indented), ==, ".");
  test_assert_span (indented, GLOSS_SPAN_CODE_BLOCK, 0, ".");
  test_assert_well_formed (indented);

  /* …and one whose last line ends in blanks and a control the builder drops. */
  control = import ("    x\n      'y   \x0f \xe2\x80\x8b\n");
  g_assert_cmpstr (gloss_article_get_text (control), ==, "x\n  'y");
  test_assert_well_formed (control);
}

static void
test_tables (void)
{
  g_autoptr(GlossArticle) article = NULL;

  article = import ("Results:\n"
                    "\n"
                    "| Name | Votes | Share |\n"
                    "|------|------:|:-----:|\n"
                    "| *Doe* | 1,024 | 51% |\n"
                    "| Roe | | 49% |\n"
                    "| Poe | 3 | |\n"
                    "| Zoe | &nbsp; | &#8203; |\n");
  /* Tabs only go before cells with text: empty cells at the end of a row leave none. */
  g_assert_cmpstr (gloss_article_get_text (article), ==,
                   "Results:\n\n"
                   "Name\tVotes\tShare\n\n"
                   "Doe\t1,024\t51%\n\n"
                   "Roe\t\t49%\n\n"
                   "Poe\t3\n\n"
                   "Zoe");
  g_assert_cmpuint (count_spans (article, GLOSS_SPAN_PARAGRAPH), ==, 6);
  test_assert_span (article, GLOSS_SPAN_PARAGRAPH, 1, "Name\tVotes\tShare");
  test_assert_span (article, GLOSS_SPAN_PARAGRAPH, 2, "Doe\t1,024\t51%");
  test_assert_span (article, GLOSS_SPAN_EMPHASIS, 0, "Doe");
  test_assert_well_formed (article);
}

static void
test_entities (void)
{
  g_autoptr(GlossArticle) article = NULL;

  article = import ("&copy; &hellip; &nbsp;x &#65;&#x42;&#X43; &#0; &#1114112; &#x110000; "
                    "&#xD800; &bogus; &amp;amp; &eacute;&#x1F600;\n\n"
                    "`&amp;` [l](http://x.example/?a=1&amp;b=2&#33;)\n");
  g_assert_cmpstr (gloss_article_get_text (article), ==,
                   "\xc2\xa9 \xe2\x80\xa6 x ABC \xef\xbf\xbd \xef\xbf\xbd \xef\xbf\xbd "
                   "\xef\xbf\xbd &bogus; &amp; \xc3\xa9\xf0\x9f\x98\x80\n\n"
                   "&amp; l");
  g_assert_cmpstr (test_find_span (article, GLOSS_SPAN_LINK, 0)->href, ==,
                   "http://x.example/?a=1&b=2!");
  test_assert_well_formed (article);
}

static void
test_null_char (void)
{
  g_autoptr(GlossTextBuilder) builder = gloss_text_builder_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) spans = NULL;
  GlossArticleMetadata meta = { 0 };
  g_autofree char *text = NULL;
  const char data[] = "a\0b `x\0y` [l](u&#0;v)\n\n```\nc\0d\n```\n";

  /* The decoder refuses NULs, so this only reaches the importer directly. */
  g_assert_true (gloss_markdown_import (data, sizeof data - 1, builder, &meta, &error));
  g_assert_no_error (error);
  text = gloss_text_builder_end (builder, &spans);
  g_assert_cmpstr (text, ==, "a\xef\xbf\xbd" "b x\xef\xbf\xbd" "y l\n\nc\xef\xbf\xbd" "d");
  g_assert_cmpuint (spans->len, ==, 4);
  g_assert_cmpint (g_array_index (spans, GlossSpan, 2).kind, ==, GLOSS_SPAN_LINK);
  g_assert_cmpstr (g_array_index (spans, GlossSpan, 2).href, ==, "u\xef\xbf\xbd" "v");
  gloss_article_metadata_clear (&meta);
}

static void
test_images (void)
{
  g_autoptr(GlossArticle) article = NULL;

  article = import ("![A fire truck](truck.jpg)\n"
                    "\n"
                    "Look ![chart *big*](c.png \"title\") here.\n"
                    "\n"
                    "[![badge](b.svg)](http://x.example/) text\n"
                    "\n"
                    "# ![logo](l.png) News\n"
                    "\n"
                    "![](empty.png) after\n"
                    "\n"
                    "![outer ![inner](i.png) alt](o.png)\n");
  g_assert_cmpstr (gloss_article_get_text (article), ==,
                   "A fire truck\n\n"
                   "Look\n\nchart big\n\nhere.\n\n"
                   "badge text\n\n"
                   "logo News\n\n"
                   "after\n\n"
                   "outer inner alt");
  g_assert_cmpuint (count_spans (article, GLOSS_SPAN_CAPTION), ==, 3);
  test_assert_span (article, GLOSS_SPAN_CAPTION, 0, "A fire truck");
  test_assert_span (article, GLOSS_SPAN_CAPTION, 1, "chart big");
  test_assert_span (article, GLOSS_SPAN_CAPTION, 2, "outer inner alt");
  /* No paragraph doubles a caption: the paragraph around an image is split around it. */
  g_assert_cmpuint (count_spans (article, GLOSS_SPAN_PARAGRAPH), ==, 4);
  test_assert_span (article, GLOSS_SPAN_PARAGRAPH, 0, "Look");
  test_assert_span (article, GLOSS_SPAN_PARAGRAPH, 1, "here.");
  test_assert_span (article, GLOSS_SPAN_PARAGRAPH, 2, "badge text");
  test_assert_span (article, GLOSS_SPAN_PARAGRAPH, 3, "after");
  /* Inside a link or heading the alt text stays inline. */
  test_assert_span (article, GLOSS_SPAN_LINK, 0, "badge");
  g_assert_cmpuint (count_spans (article, GLOSS_SPAN_EMPHASIS), ==, 0);
  test_assert_well_formed (article);
}

static void
test_captions (void)
{
  g_autoptr(GlossArticle) article = NULL;

  article = import ("Photo: Jane Doe/Reuters\n"
                    "\n"
                    "*Image: NASA*\n"
                    "\n"
                    "**Caption:** a fire\n"
                    "\n"
                    "CREDIT: AP\n"
                    "\n"
                    "photograph: a crowd\n"
                    "\n"
                    "Picture:the harbour\n"
                    "\n"
                    "Photographer Jane\n"
                    "\n"
                    "The photo: no\n"
                    "\n"
                    "![Truck](t.jpg)\n"
                    "Picture: Bob\n");
  g_assert_cmpstr (gloss_article_get_text (article), ==,
                   "Photo: Jane Doe/Reuters\n\nImage: NASA\n\nCaption: a fire\n\nCREDIT: AP\n\n"
                   "photograph: a crowd\n\nPicture:the harbour\n\nPhotographer Jane\n\n"
                   "The photo: no\n\nTruck\n\nPicture: Bob");
  g_assert_cmpuint (count_spans (article, GLOSS_SPAN_CAPTION), ==, 8);
  test_assert_span (article, GLOSS_SPAN_CAPTION, 0, "Photo: Jane Doe/Reuters");
  test_assert_span (article, GLOSS_SPAN_CAPTION, 1, "Image: NASA");
  test_assert_span (article, GLOSS_SPAN_EMPHASIS, 0, "Image: NASA");
  test_assert_span (article, GLOSS_SPAN_CAPTION, 2, "Caption: a fire");
  test_assert_span (article, GLOSS_SPAN_STRONG, 0, "Caption:");
  test_assert_span (article, GLOSS_SPAN_CAPTION, 3, "CREDIT: AP");
  test_assert_span (article, GLOSS_SPAN_CAPTION, 4, "photograph: a crowd");
  test_assert_span (article, GLOSS_SPAN_CAPTION, 5, "Picture:the harbour");
  test_assert_span (article, GLOSS_SPAN_CAPTION, 6, "Truck");
  test_assert_span (article, GLOSS_SPAN_CAPTION, 7, "Picture: Bob");
  g_assert_cmpuint (count_spans (article, GLOSS_SPAN_PARAGRAPH), ==, 2);
  test_assert_span (article, GLOSS_SPAN_PARAGRAPH, 0, "Photographer Jane");
  test_assert_span (article, GLOSS_SPAN_PARAGRAPH, 1, "The photo: no");
  test_assert_well_formed (article);
}

static void
test_raw_html (void)
{
  g_autoptr(GlossArticle) article = NULL;

  article = import ("<div class=\"ad\">\n"
                    "Buy now\n"
                    "</div>\n"
                    "\n"
                    "Text <span class=\"x\">kept</span> <!-- hidden --> here.\n"
                    "\n"
                    "A<br>B<br/>C<br />D<BR>E<bring>F\n"
                    "\n"
                    "<script>\n"
                    "alert(1)\n"
                    "</script>\n"
                    "\n"
                    "<br>\n"
                    "\n"
                    "End\n");
  g_assert_cmpstr (gloss_article_get_text (article), ==,
                   "Text kept here.\n\nA\nB\nC\nD\nEF\n\nEnd");
  g_assert_cmpuint (count_spans (article, GLOSS_SPAN_PARAGRAPH), ==, 3);
  test_assert_well_formed (article);
}

static void
test_hard_breaks (void)
{
  g_autoptr(GlossArticle) article = NULL;

  article = import ("one  \ntwo\\\nthree\nfour   \n\n*five*  \nsix\n");
  g_assert_cmpstr (gloss_article_get_text (article), ==, "one\ntwo\nthree four\n\nfive\nsix");
  test_assert_span (article, GLOSS_SPAN_PARAGRAPH, 0, "one\ntwo\nthree four");
  test_assert_span (article, GLOSS_SPAN_EMPHASIS, 0, "five");
  test_assert_well_formed (article);
}

static void
test_crlf_bom (void)
{
  const char data[] = "\xef\xbb\xbf---\r\n"
                      "title: Line endings\r\n"
                      "author: Win Dows\r\n"
                      "---\r\n"
                      "# Heading\r\n"
                      "\r\n"
                      "Line one\r\n"
                      "line two  \r\n"
                      "three\r\n"
                      "\r\n"
                      "```\r\n"
                      "code\r\n"
                      "```\r\n";
  g_autoptr(GlossArticle) article = NULL;
  g_autoptr(GError) error = NULL;

  article = gloss_article_new_from_data (data, sizeof data - 1, GLOSS_ARTICLE_FORMAT_MARKDOWN,
                                         &error);
  g_assert_no_error (error);
  g_assert_nonnull (article);
  g_assert_cmpstr (gloss_article_get_title (article), ==, "Line endings");
  g_assert_cmpstr (gloss_article_get_author (article), ==, "Win Dows");
  g_assert_cmpstr (gloss_article_get_text (article), ==,
                   "Heading\n\nLine one line two\nthree\n\ncode");
  test_assert_well_formed (article);
}

static void
test_large (void)
{
  const char *chunk = "## Section\n"
                      "\n"
                      "Some *emphasis*, a [link](http://example.com/) &amp; `code` \xc3\xa9.\n"
                      "\n"
                      "- item\n"
                      "  - nested\n"
                      "\n"
                      "> quote\n"
                      "\n"
                      "| a | b |\n"
                      "|---|---|\n"
                      "| 1 | 2 |\n"
                      "\n"
                      "```\n"
                      "code\n"
                      "  block\n"
                      "```\n"
                      "\n";
  const char *chunk_text = "Section\n\nSome emphasis, a link & code \xc3\xa9.\n\nitem\n\nnested\n\n"
                           "quote\n\na\tb\n\n1\t2\n\ncode\n  block";
  g_autoptr(GString) markdown = g_string_new (NULL);
  g_autoptr(GlossArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  guint chunk_chars = g_utf8_strlen (chunk_text, -1);
  guint n = 0;
  gint64 start;

  while (markdown->len < 10 * 1024 * 1024)
    {
      g_string_append (markdown, chunk);
      n++;
    }

  start = g_get_monotonic_time ();
  article = gloss_article_new_from_data (markdown->str, markdown->len,
                                         GLOSS_ARTICLE_FORMAT_MARKDOWN, &error);
  g_test_message ("%zu bytes of Markdown imported in %.3f s", markdown->len,
                  (g_get_monotonic_time () - start) / 1e6);
  g_assert_no_error (error);
  g_assert_nonnull (article);

  g_assert_cmpuint (gloss_article_get_length (article), ==, n * chunk_chars + (n - 1) * 2);
  g_assert_true (g_str_has_prefix (gloss_article_get_text (article), chunk_text));
  g_assert_true (g_str_has_suffix (gloss_article_get_text (article), chunk_text));
  g_assert_cmpuint (count_spans (article, GLOSS_SPAN_HEADING), ==, n);
  g_assert_cmpuint (count_spans (article, GLOSS_SPAN_PARAGRAPH), ==, 4 * n);
  g_assert_cmpuint (count_spans (article, GLOSS_SPAN_LIST_ITEM), ==, 2 * n);
  g_assert_cmpuint (count_spans (article, GLOSS_SPAN_BLOCKQUOTE), ==, n);
  g_assert_cmpuint (count_spans (article, GLOSS_SPAN_CODE_BLOCK), ==, n);
  g_assert_cmpuint (count_spans (article, GLOSS_SPAN_LINK), ==, n);
  g_assert_cmpuint (count_spans (article, GLOSS_SPAN_EMPHASIS), ==, n);
  g_assert_cmpuint (count_spans (article, GLOSS_SPAN_CODE), ==, n);
}

/* The deepest level of @kind, checking that levels go up by one at a time. */
static guint
max_level (GlossArticle  *article,
           GlossSpanKind  kind)
{
  const GlossSpan *spans;
  guint n_spans;
  guint max = 0;

  spans = gloss_article_get_spans (article, &n_spans);
  for (guint i = 0; i < n_spans; i++)
    if (spans[i].kind == kind)
      {
        g_assert_cmpuint (spans[i].level, <=, max + 1);
        max = MAX (max, spans[i].level);
      }

  return max;
}

static void
test_deep_quotes (void)
{
  g_autoptr(GString) markdown = g_string_new (NULL);
  g_autoptr(GlossArticle) article = NULL;

  for (guint line = 0; line < 3; line++)
    {
      for (guint i = 0; i < 50000; i++)
        g_string_append_c (markdown, '>');
      g_string_append (markdown, " deep\n");
    }

  article = import (markdown->str);
  g_assert_cmpstr (gloss_article_get_text (article), ==, "deep deep deep");
  g_assert_cmpuint (max_level (article, GLOSS_SPAN_BLOCKQUOTE), ==,
                    count_spans (article, GLOSS_SPAN_BLOCKQUOTE));
  g_assert_cmpuint (count_spans (article, GLOSS_SPAN_BLOCKQUOTE), >, 0);
  test_assert_well_formed (article);
}

static void
test_deep_lists (void)
{
  g_autoptr(GString) markers = g_string_new (NULL);
  g_autoptr(GString) indented = g_string_new (NULL);
  g_autoptr(GlossArticle) article = NULL;
  g_autoptr(GlossArticle) nested = NULL;

  for (guint i = 0; i < 50000; i++)
    g_string_append (markers, i % 2 ? "- " : "1. ");
  g_string_append (markers, "x\n");
  article = import (markers->str);
  g_assert_cmpstr (gloss_article_get_text (article), ==, "x");
  g_assert_cmpuint (max_level (article, GLOSS_SPAN_LIST_ITEM), ==,
                    count_spans (article, GLOSS_SPAN_LIST_ITEM));
  test_assert_well_formed (article);

  for (guint i = 0; i < 2000; i++)
    {
      for (guint j = 0; j < i; j++)
        g_string_append (indented, "  ");
      g_string_append (indented, "- x\n");
    }
  nested = import (indented->str);
  g_assert_cmpuint (count_spans (nested, GLOSS_SPAN_LIST_ITEM), ==, 2000);
  g_assert_cmpuint (max_level (nested, GLOSS_SPAN_LIST_ITEM), ==, 2000);
  test_assert_well_formed (nested);
}

static void
test_deep_inline (void)
{
  const char *openers[] = { "*", "[", "![", "<span>", "`", "**_" };
  const char *closers[] = { "*", "](u)", "](u)", "</span>", "`", "_**" };

  for (guint k = 0; k < G_N_ELEMENTS (openers); k++)
    {
      g_autoptr(GString) markdown = g_string_new ("> - ");
      g_autoptr(GlossArticle) article = NULL;

      for (guint i = 0; i < 30000; i++)
        g_string_append (markdown, openers[k]);
      g_string_append (markdown, "x");
      for (guint i = 0; i < 30000; i++)
        g_string_append (markdown, closers[k]);

      article = import (markdown->str);
      g_assert_nonnull (strchr (gloss_article_get_text (article), 'x'));
      test_assert_well_formed (article);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gloss/markdown-importer/empty", test_empty);
  g_test_add_func ("/gloss/markdown-importer/paragraphs", test_paragraphs);
  g_test_add_func ("/gloss/markdown-importer/headings", test_headings);
  g_test_add_func ("/gloss/markdown-importer/emphasis", test_emphasis);
  g_test_add_func ("/gloss/markdown-importer/links", test_links);
  g_test_add_func ("/gloss/markdown-importer/front-matter", test_front_matter);
  g_test_add_func ("/gloss/markdown-importer/front-matter-quoted", test_front_matter_quoted);
  g_test_add_func ("/gloss/markdown-importer/front-matter-lists", test_front_matter_lists);
  g_test_add_func ("/gloss/markdown-importer/front-matter-source", test_front_matter_source);
  g_test_add_func ("/gloss/markdown-importer/front-matter-unclosed", test_front_matter_unclosed);
  g_test_add_func ("/gloss/markdown-importer/front-matter-not-at-start",
                   test_front_matter_not_at_start);
  g_test_add_func ("/gloss/markdown-importer/front-matter-only", test_front_matter_only);
  g_test_add_func ("/gloss/markdown-importer/front-matter-bad-yaml", test_front_matter_bad_yaml);
  g_test_add_func ("/gloss/markdown-importer/title-from-heading", test_title_from_heading);
  g_test_add_func ("/gloss/markdown-importer/lists", test_lists);
  g_test_add_func ("/gloss/markdown-importer/quotes", test_quotes);
  g_test_add_func ("/gloss/markdown-importer/code-blocks", test_code_blocks);
  g_test_add_func ("/gloss/markdown-importer/tables", test_tables);
  g_test_add_func ("/gloss/markdown-importer/entities", test_entities);
  g_test_add_func ("/gloss/markdown-importer/null-char", test_null_char);
  g_test_add_func ("/gloss/markdown-importer/images", test_images);
  g_test_add_func ("/gloss/markdown-importer/captions", test_captions);
  g_test_add_func ("/gloss/markdown-importer/raw-html", test_raw_html);
  g_test_add_func ("/gloss/markdown-importer/hard-breaks", test_hard_breaks);
  g_test_add_func ("/gloss/markdown-importer/crlf-bom", test_crlf_bom);
  g_test_add_func ("/gloss/markdown-importer/large", test_large);
  g_test_add_func ("/gloss/markdown-importer/deep-quotes", test_deep_quotes);
  g_test_add_func ("/gloss/markdown-importer/deep-lists", test_deep_lists);
  g_test_add_func ("/gloss/markdown-importer/deep-inline", test_deep_inline);

  return g_test_run ();
}
