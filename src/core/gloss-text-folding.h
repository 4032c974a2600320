/* gloss-text-folding.h: typographic folding of article text, with a map back to it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A folded copy of a text: lower case, one kind of each quote mark and dash, ligatures and
 * the ellipsis spelt out, white space runs as one space. Positions are code points. */
typedef struct
{
  gunichar *chars;     /* the folded text, @len code points (NUL-terminated) */
  guint     len;
  guint    *to_text;   /* @len + 1 entries: folded index → index in the text it came from */
  guint    *to_folded; /* @text_len + 1 entries: text index → first folded index at or after it */
  guint     text_len;
} GlossFoldedText;

GlossFoldedText *gloss_folded_text_new            (const gunichar   *text,
                                                   guint             len,
                                                   gboolean          with_maps);
void             gloss_folded_text_free           (GlossFoldedText  *self);
guint            gloss_folded_text_to_text_end    (const GlossFoldedText *self,
                                                   guint             folded_end);

gunichar        *gloss_text_fold_utf8             (const char       *text,
                                                   guint            *len);
gboolean         gloss_unichar_is_word            (gunichar          c);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossFoldedText, gloss_folded_text_free)

G_END_DECLS
