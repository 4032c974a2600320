/* gloss-compare-private.h: what the engine and its result objects share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gloss-compare.h"

G_BEGIN_DECLS

/* The compared texts, shared (reference-counted, immutable) by a comparison and its
 * passages, which diff them on demand long after the engine is done. */
typedef struct
{
  guint    n;
  char       **texts;
  const char **borrowed;  /* the caller's, until gloss_compare_texts_own() */
  gsize       *lens;
  GMutex   lock;
  guint  **checkpoints;  /* built on first use: byte offset of every CHECKPOINT-th code point */
} GlossCompareTexts;

struct _GlossSharedPassage
{
  GObject            parent_instance;

  guint              index;
  double             similarity;
  guint              n_words;
  GlossPassageSpan  *spans;
  guint              n_spans;
  GlossCompareTexts *texts;
};

GlossCompareTexts *gloss_compare_texts_new        (const char * const *texts,
                                                   guint               n,
                                                   gboolean            copy);
void               gloss_compare_texts_own        (GlossCompareTexts  *self,
                                                   guint               i);
GlossCompareTexts *gloss_compare_texts_ref        (GlossCompareTexts  *self);
void               gloss_compare_texts_unref      (GlossCompareTexts  *self);
const char        *gloss_compare_texts_pointer_at (GlossCompareTexts  *self,
                                                   guint               article,
                                                   guint               offset);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossCompareTexts, gloss_compare_texts_unref)

G_END_DECLS
