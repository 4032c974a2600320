/* gloss-word-diff.h: words of a text, and a word-level diff of two texts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A word: its folded spelling's hash, and where it is, in code points (end exclusive). */
typedef struct
{
  guint32 hash;
  guint   start;
  guint   end;
} GlossWord;

typedef enum
{
  GLOSS_WORD_DIFF_EQUAL,
  GLOSS_WORD_DIFF_DELETE,   /* words only in text a */
  GLOSS_WORD_DIFF_INSERT,   /* words only in text b */
  GLOSS_WORD_DIFF_REPLACE,  /* words of a that b has other words for */
} GlossWordDiffKind;

/* One run of a diff. Spans are code points over each text, from its first word's start to
 * its last word's end; an empty span (start == end) marks where the words are missing. */
typedef struct
{
  GlossWordDiffKind kind;
  guint             a_start;
  guint             a_end;
  guint             b_start;
  guint             b_end;
  guint             a_words;
  guint             b_words;
} GlossWordDiffOp;

GlossWord  *gloss_words_split                (const char        *text,
                                              gsize              len,
                                              guint              offset,
                                              guint             *n_words);
GArray     *gloss_word_diff                  (const char        *a,
                                              gsize              a_len,
                                              guint              a_offset,
                                              const char        *b,
                                              gsize              b_len,
                                              guint              b_offset);
GArray     *gloss_word_diff_words            (const GlossWord   *a,
                                              guint              n_a,
                                              const GlossWord   *b,
                                              guint              n_b);
guint       gloss_word_diff_count_equal      (GArray            *ops);
const char *gloss_word_diff_kind_to_string   (GlossWordDiffKind  kind);

G_END_DECLS
