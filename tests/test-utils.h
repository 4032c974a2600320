/* test-utils.h: small helpers shared by the core tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gloss-article.h"

#include <string.h>

/* The text a span covers, newly allocated. */
static inline char *
test_span_text (GlossArticle    *article,
                const GlossSpan *span)
{
  const char *text = gloss_article_get_text (article);
  const char *start = g_utf8_offset_to_pointer (text, span->start);
  const char *end = g_utf8_offset_to_pointer (text, span->end);

  return g_strndup (start, end - start);
}

/* The @nth (from 0) span of @kind, or NULL. */
static inline const GlossSpan *
test_find_span (GlossArticle  *article,
                GlossSpanKind  kind,
                guint          nth)
{
  const GlossSpan *spans;
  guint n_spans;

  spans = gloss_article_get_spans (article, &n_spans);
  for (guint i = 0; i < n_spans; i++)
    if (spans[i].kind == kind && nth-- == 0)
      return &spans[i];

  return NULL;
}

/* Asserts that the @nth span of @kind covers exactly @expected. */
#define test_assert_span(article, kind, nth, expected)                       \
  G_STMT_START {                                                             \
    const GlossSpan *_span = test_find_span ((article), (kind), (nth));      \
    g_autofree char *_text = NULL;                                           \
    g_assert_nonnull (_span);                                                \
    _text = test_span_text ((article), _span);                               \
    g_assert_cmpstr (_text, ==, (expected));                                 \
  } G_STMT_END

static inline GlossArticle *
test_import (const char         *data,
             GlossArticleFormat  format)
{
  g_autoptr(GError) error = NULL;
  GlossArticle *article;

  article = gloss_article_new_from_data (data, strlen (data), format, &error);
  g_assert_no_error (error);
  g_assert_nonnull (article);

  return article;
}

/* What every article promises, whatever its input: valid UTF-8, a length in code points that
 * matches, no white space at either end, no blank line inside a block, ranges inside the text.
 * The fuzz targets check the same. */
static inline void
test_assert_well_formed (GlossArticle *article)
{
  const char *text = gloss_article_get_text (article);
  guint length = gloss_article_get_length (article);
  const GlossSpan *spans;
  guint n_spans;

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
}
