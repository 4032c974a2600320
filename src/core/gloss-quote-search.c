/* gloss-quote-search.c: where a quote someone typed occurs in an article text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * People type quotes with straight quote marks, one kind of dash and any case, and copy
 * them with line breaks: the quote gets the article text's own normalisation, then both are
 * folded typographically (gloss-text-folding) and compared. A match must start and end on
 * word boundaries, so that "bridge" does not match inside "Turnbridge".
 */

#define G_LOG_DOMAIN "gloss-quote-search"

#include "config.h"

#include "gloss-quote-search.h"
#include "gloss-text-builder.h"
#include "gloss-text-folding.h"

#include <string.h>

/* The quote as the article text would have it: NFC, white space folded, trimmed. */
static char *
normalise_quote (const char *quote)
{
  g_autoptr(GlossTextBuilder) builder = gloss_text_builder_new ();

  gloss_text_builder_append (builder, quote, -1);
  return gloss_text_builder_end (builder, NULL);
}

static gboolean
on_boundary (const GlossFoldedText *text,
             guint                  before,
             guint                  after)
{
  /* A boundary lies between two positions unless both are word characters. */
  return before == G_MAXUINT || after >= text->len ||
         !gloss_unichar_is_word (text->chars[before]) ||
         !gloss_unichar_is_word (text->chars[after]);
}

/**
 * gloss_quote_search:
 * @text: the article text
 * @quote: what someone typed
 *
 * Returns: (transfer full) (element-type GlossQuoteMatch): every occurrence of @quote, in
 *   order, not overlapping; empty when there is none or @quote has no visible text
 */
GArray *
gloss_quote_search (const char *text,
                    const char *quote)
{
  GArray *matches = g_array_new (FALSE, FALSE, sizeof (GlossQuoteMatch));
  g_autofree char *normal = NULL;
  g_autofree gunichar *chars = NULL;
  g_autofree gunichar *needle = NULL;
  g_autoptr(GlossFoldedText) folded = NULL;
  glong text_len = 0;
  guint needle_len = 0;

  g_return_val_if_fail (text != NULL, matches);
  g_return_val_if_fail (quote != NULL, matches);

  normal = normalise_quote (quote);
  needle = gloss_text_fold_utf8 (normal, &needle_len);
  if (needle == NULL || needle_len == 0)
    return matches;

  chars = g_utf8_to_ucs4_fast (text, -1, &text_len);
  folded = gloss_folded_text_new (chars, text_len, TRUE);

  for (guint i = 0; i + needle_len <= folded->len; )
    {
      if (folded->chars[i] == needle[0] &&
          memcmp (folded->chars + i, needle, needle_len * sizeof (gunichar)) == 0 &&
          on_boundary (folded, i == 0 ? G_MAXUINT : i - 1, i) &&
          on_boundary (folded, i + needle_len - 1, i + needle_len))
        {
          GlossQuoteMatch match = {
            folded->to_text[i],
            gloss_folded_text_to_text_end (folded, i + needle_len),
          };

          g_array_append_val (matches, match);
          /* Past the whole of the match's last character: "." matches in the first folded
           * dot of "…", and would otherwise match the same "…" twice more. */
          i = MAX (i + needle_len, folded->to_folded[match.end]);
        }
      else
        i++;
    }

  return matches;
}
