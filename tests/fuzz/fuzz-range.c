/* fuzz-range.c: libFuzzer target for `gloss annotate --range START:END` and `--quote TEXT`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is the argument, a newline, then a plain-text article. The argument is parsed
 * as --range is (gloss_cli_parse_range()), and searched for as --quote is
 * (gloss_quote_search()); what the command would annotate must lie inside the text.
 */

#include "config.h"

#include <string.h>

#include "gloss-annotation.h"
#include "gloss-article.h"
#include "gloss-cli-range.h"
#include "gloss-quote-search.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

/* An annotation of [start, end) as `gloss annotate` makes it: its quote is that text. */
static void
check_annotation (GlossArticle *article,
                  guint         start,
                  guint         end)
{
  g_autoptr(GlossAnnotation) annotation = NULL;
  const char *text = gloss_article_get_text (article);
  const char *from, *to;
  g_autofree char *expected = NULL;

  g_assert_cmpuint (start, <, end);
  g_assert_cmpuint (end, <=, gloss_article_get_length (article));

  annotation = gloss_annotation_new_for_article (article, start, end);
  g_assert_cmpuint (gloss_annotation_get_start (annotation), ==, start);
  g_assert_cmpuint (gloss_annotation_get_end (annotation), ==, end);
  from = g_utf8_offset_to_pointer (text, start);
  to = g_utf8_offset_to_pointer (from, end - start);
  expected = g_strndup (from, to - from);
  g_assert_cmpstr (gloss_annotation_get_exact (annotation), ==, expected);
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GlossArticle) article = NULL;
  g_autoptr(GArray) matches = NULL;
  g_autofree char *argument = NULL;
  const char *newline = memchr (data, '\n', size);
  gsize arg_len = newline != NULL ? (gsize) (newline - (const char *) data) : size;
  guint start = G_MAXUINT, end = G_MAXUINT;

  /* A command-line argument: no NUL byte, and UTF-8 (GOption converts it from the locale's
   * encoding and refuses what does not convert). */
  argument = g_strndup ((const char *) data, arg_len);
  if (!g_utf8_validate (argument, -1, NULL))
    return 0;

  article = gloss_article_new_from_data (newline != NULL ? newline + 1 : "",
                                         newline != NULL ? size - arg_len - 1 : 0,
                                         GLOSS_ARTICLE_FORMAT_PLAIN_TEXT, NULL);
  if (article == NULL)
    return 0;

  if (gloss_cli_parse_range (argument, &start, &end))
    {
      g_autofree char *printed = g_strdup_printf ("%u:%u", start, end);
      guint start2, end2;

      /* What was read is what was written, give or take leading zeros. */
      g_assert_true (gloss_cli_parse_range (printed, &start2, &end2));
      g_assert_cmpuint (start2, ==, start);
      g_assert_cmpuint (end2, ==, end);
      g_assert_nonnull (strchr (argument, ':'));

      /* find_targets() in gloss-cli-annotate.c refuses the rest. */
      if (start < end && end <= gloss_article_get_length (article))
        check_annotation (article, start, end);
    }
  else
    {
      g_assert_cmpuint (start, ==, G_MAXUINT);
      g_assert_cmpuint (end, ==, G_MAXUINT);
    }

  matches = gloss_quote_search (gloss_article_get_text (article), argument);
  for (guint i = 0; i < matches->len; i++)
    {
      GlossQuoteMatch *match = &g_array_index (matches, GlossQuoteMatch, i);

      /* In order, not overlapping. */
      if (i > 0)
        g_assert_cmpuint (g_array_index (matches, GlossQuoteMatch, i - 1).end, <=,
                          match->start);
      check_annotation (article, match->start, match->end);
    }

  return 0;
}
