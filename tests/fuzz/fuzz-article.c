/* fuzz-article.c: libFuzzer target for one importer, chosen with -DFUZZ_FORMAT
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "gloss-article.h"

#include <string.h>

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

/* Imports the input and checks what every article promises: valid UTF-8, a length in code
 * points that matches, and structure ranges inside the text. */
int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GlossArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  const GlossSpan *spans;
  const char *text;
  guint n_spans;
  guint length;

  article = gloss_article_new_from_data ((const char *) data, size, FUZZ_FORMAT, &error);
  if (article == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == GLOSS_ARTICLE_ERROR);
      return 0;
    }

  text = gloss_article_get_text (article);
  length = gloss_article_get_length (article);
  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_cmpuint (g_utf8_strlen (text, -1), ==, length);
  g_assert_cmpuint (strlen (text), ==, gloss_article_get_text_size (article));
  g_assert_false (g_str_has_prefix (text, " ") || g_str_has_prefix (text, "\n"));
  g_assert_false (g_str_has_suffix (text, " ") || g_str_has_suffix (text, "\n"));
  g_assert_null (strstr (text, "\n\n\n"));

  spans = gloss_article_get_spans (article, &n_spans);
  for (guint i = 0; i < n_spans; i++)
    {
      g_assert_cmpuint (spans[i].start, <, spans[i].end);
      g_assert_cmpuint (spans[i].end, <=, length);
    }

  return 0;
}
