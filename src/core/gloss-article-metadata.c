/* gloss-article-metadata.c: what importers find out about an article besides its text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gloss-article-metadata"

#include "config.h"

#include "gloss-article-metadata.h"

#include <string.h>

void
gloss_article_metadata_clear (GlossArticleMetadata *meta)
{
  g_return_if_fail (meta != NULL);

  g_clear_pointer (&meta->title, g_free);
  g_clear_pointer (&meta->outlet, g_free);
  g_clear_pointer (&meta->author, g_free);
  g_clear_pointer (&meta->date, g_free);
  g_clear_pointer (&meta->url, g_free);
}

/**
 * gloss_article_metadata_set:
 * @field: a field of a #GlossArticleMetadata
 * @value: (nullable): raw text from the source: made valid UTF-8, white space folded, trimmed
 * @overwrite: whether to replace a value the field already has
 *
 * Stores @value in @field unless it is empty; values are capped at 1000 characters.
 */
void
gloss_article_metadata_set (char       **field,
                            const char  *value,
                            gboolean     overwrite)
{
  g_autofree char *valid = NULL;
  GString *folded;
  gboolean space = FALSE;

  g_return_if_fail (field != NULL);

  if (value == NULL || (*field != NULL && !overwrite))
    return;

  valid = g_utf8_make_valid (value, -1);
  folded = g_string_new (NULL);
  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || g_unichar_iscntrl (c) || c == 0xfeff || c == 0x200b)
        {
          space = folded->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (folded, ' ');
      space = FALSE;
      g_string_append_unichar (folded, c);
      if (folded->len > 4000)
        break;
    }

  if (g_utf8_strlen (folded->str, -1) > 1000)
    g_string_truncate (folded, g_utf8_offset_to_pointer (folded->str, 1000) - folded->str);

  if (folded->len == 0)
    {
      g_string_free (folded, TRUE);
      return;
    }

  g_free (*field);
  *field = g_string_free (folded, FALSE);
}
