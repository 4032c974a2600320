/* test-plain-text-importer.c: plain text articles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "test-utils.h"

static GlossArticle *
import_text (const char *data)
{
  return test_import (data, GLOSS_ARTICLE_FORMAT_PLAIN_TEXT);
}

static void
test_paragraphs (void)
{
  g_autoptr(GlossArticle) article =
    import_text ("\n\nFirst  paragraph,\nsecond line.\n\n\n\n   Second paragraph.   \n\n");

  g_assert_cmpstr (gloss_article_get_text (article), ==,
                   "First paragraph,\nsecond line.\n\nSecond paragraph.");
  test_assert_span (article, GLOSS_SPAN_PARAGRAPH, 0, "First paragraph,\nsecond line.");
  test_assert_span (article, GLOSS_SPAN_PARAGRAPH, 1, "Second paragraph.");
  g_assert_null (gloss_article_get_title (article));
}

static void
test_title_byline_date (void)
{
  g_autoptr(GlossArticle) article =
    import_text ("Bridge shut after cracks found\n"
                 "\n"
                 "By Morwen Ellery, Coastal Courier\n"
                 "Wednesday 14 October 2026, 11.52am\n"
                 "\n"
                 "The bridge closed at 11.40pm.\n");

  g_assert_cmpstr (gloss_article_get_title (article), ==, "Bridge shut after cracks found");
  g_assert_cmpstr (gloss_article_get_author (article), ==, "Morwen Ellery");
  g_assert_cmpstr (gloss_article_get_outlet (article), ==, "Coastal Courier");
  g_assert_cmpstr (gloss_article_get_date (article), ==, "Wednesday 14 October 2026, 11.52am");
  test_assert_span (article, GLOSS_SPAN_HEADING, 0, "Bridge shut after cracks found");
  g_assert_cmpuint (test_find_span (article, GLOSS_SPAN_HEADING, 0)->level, ==, 1);
}

static void
test_no_title (void)
{
  /* A first paragraph that is a sentence, or longer than one line, is not a title. */
  g_autoptr(GlossArticle) sentence = import_text ("It was a quiet night.\n\nThen it wasn't.");
  g_autoptr(GlossArticle) two_lines = import_text ("Line one\nline two\n\nMore.");

  g_assert_null (gloss_article_get_title (sentence));
  g_assert_null (test_find_span (sentence, GLOSS_SPAN_HEADING, 0));
  g_assert_null (gloss_article_get_title (two_lines));
}

static void
test_captions_and_lists (void)
{
  g_autoptr(GlossArticle) article =
    import_text ("Some text here.\n\n"
                 "Photo: The bridge at dawn (Ned Alcott)\n\n"
                 "- first item\n"
                 "* second item\n"
                 "\xe2\x80\xa2 third item\n\n"
                 "PHOTO: again\n");

  test_assert_span (article, GLOSS_SPAN_CAPTION, 0, "Photo: The bridge at dawn (Ned Alcott)");
  test_assert_span (article, GLOSS_SPAN_CAPTION, 1, "PHOTO: again");
  test_assert_span (article, GLOSS_SPAN_LIST_ITEM, 0, "first item");
  test_assert_span (article, GLOSS_SPAN_LIST_ITEM, 1, "second item");
  test_assert_span (article, GLOSS_SPAN_LIST_ITEM, 2, "third item");
}

static void
test_bom_crlf (void)
{
  g_autoptr(GlossArticle) article =
    import_text ("\xef\xbb\xbfTitle here\r\n\r\nBody \xe2\x80\x9cquoted\xe2\x80\x9d.\r\n");

  g_assert_cmpstr (gloss_article_get_text (article), ==,
                   "Title here\n\nBody \xe2\x80\x9cquoted\xe2\x80\x9d.");
  g_assert_cmpuint (gloss_article_get_length (article), ==, 26);
}

static void
test_empty (void)
{
  g_autoptr(GlossArticle) empty = import_text ("");
  g_autoptr(GlossArticle) blank = import_text (" \n\t\n \n");
  guint n_spans;

  g_assert_cmpstr (gloss_article_get_text (empty), ==, "");
  g_assert_cmpuint (gloss_article_get_length (empty), ==, 0);
  g_assert_cmpstr (gloss_article_get_text (blank), ==, "");
  gloss_article_get_spans (blank, &n_spans);
  g_assert_cmpuint (n_spans, ==, 0);
  /* SHA-256 of nothing */
  g_assert_cmpstr (gloss_article_get_sha256 (empty), ==,
                   "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

static void
test_long_line (void)
{
  gsize size = 1024 * 1024;
  g_autofree char *line = g_malloc (size + 1);
  g_autoptr(GlossArticle) article = NULL;

  for (gsize i = 0; i < size; i++)
    line[i] = i % 7 == 6 ? ' ' : 'a' + i % 26;
  line[size] = '\0';

  article = import_text (line);
  g_assert_cmpuint (gloss_article_get_length (article), ==, size);
  g_assert_cmpuint (gloss_article_get_text_size (article), ==, size);
}

static void
test_large (void)
{
  static const char paragraph[] =
    "The council said the bridge would stay closed \xe2\x80\x94 \xe2\x80\x9c" "for weeks, "
    "not days\xe2\x80\x9d \xe2\x80\x94 while engineers assessed the pivot.\n\n";
  g_autoptr(GString) data = g_string_new (NULL);
  g_autoptr(GlossArticle) article = NULL;
  guint paragraphs = 0;
  guint n_spans;

  while (data->len < 10 * 1024 * 1024)
    {
      g_string_append (data, paragraph);
      paragraphs++;
    }

  article = import_text (data->str);
  gloss_article_get_spans (article, &n_spans);
  g_assert_cmpuint (n_spans, ==, paragraphs);
  /* every separator but the last survives */
  g_assert_cmpuint (gloss_article_get_text_size (article), ==, data->len - 2);
  g_assert_cmpuint (gloss_article_get_length (article), ==,
                    g_utf8_strlen (data->str, -1) - 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gloss/plain-text-importer/paragraphs", test_paragraphs);
  g_test_add_func ("/gloss/plain-text-importer/title-byline-date", test_title_byline_date);
  g_test_add_func ("/gloss/plain-text-importer/no-title", test_no_title);
  g_test_add_func ("/gloss/plain-text-importer/captions-and-lists", test_captions_and_lists);
  g_test_add_func ("/gloss/plain-text-importer/bom-crlf", test_bom_crlf);
  g_test_add_func ("/gloss/plain-text-importer/empty", test_empty);
  g_test_add_func ("/gloss/plain-text-importer/long-line", test_long_line);
  g_test_add_func ("/gloss/plain-text-importer/large", test_large);

  return g_test_run ();
}
