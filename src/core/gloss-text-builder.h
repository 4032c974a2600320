/* gloss-text-builder.h: builds an article text and its structure, normalising as it goes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Kinds of structure ranges over the article text. Block kinds start and end at block
 * boundaries; inline kinds lie inside blocks. Keep in step with docs/annotation-format.md. */
typedef enum
{
  GLOSS_SPAN_PARAGRAPH,
  GLOSS_SPAN_HEADING,
  GLOSS_SPAN_BLOCKQUOTE,
  GLOSS_SPAN_LIST_ITEM,
  GLOSS_SPAN_CAPTION,
  GLOSS_SPAN_CODE_BLOCK,
  GLOSS_SPAN_EMPHASIS,
  GLOSS_SPAN_STRONG,
  GLOSS_SPAN_CODE,
  GLOSS_SPAN_LINK,
} GlossSpanKind;

/* A range of the article text, in Unicode code points, end exclusive. */
typedef struct
{
  GlossSpanKind  kind;
  guint          start;
  guint          end;
  guint          level;  /* heading level 1–6; nesting depth of lists and quotes; else 0 */
  char          *href;   /* links only */
} GlossSpan;

typedef struct _GlossTextBuilder GlossTextBuilder;

gboolean           gloss_span_kind_is_block           (GlossSpanKind      kind);
gboolean           gloss_text_builder_is_space        (gunichar           c);
gboolean           gloss_text_builder_is_visible      (gunichar           c);
const char        *gloss_span_kind_to_string          (GlossSpanKind      kind);

GlossTextBuilder  *gloss_text_builder_new             (void);
void               gloss_text_builder_free            (GlossTextBuilder  *self);
void               gloss_text_builder_append          (GlossTextBuilder  *self,
                                                       const char        *text,
                                                       gssize             len);
void               gloss_text_builder_append_verbatim (GlossTextBuilder  *self,
                                                       const char        *text,
                                                       gssize             len);
void               gloss_text_builder_line_break      (GlossTextBuilder  *self);
void               gloss_text_builder_push            (GlossTextBuilder  *self,
                                                       GlossSpanKind      kind,
                                                       guint              level,
                                                       const char        *href);
void               gloss_text_builder_pop             (GlossTextBuilder  *self);
void               gloss_text_builder_set_kind        (GlossTextBuilder  *self,
                                                       GlossSpanKind      kind);
guint              gloss_text_builder_get_open_start  (GlossTextBuilder  *self);
guint              gloss_text_builder_get_depth       (GlossTextBuilder  *self);
guint              gloss_text_builder_get_length      (GlossTextBuilder  *self);
const char        *gloss_text_builder_peek_text       (GlossTextBuilder  *self);
char              *gloss_text_builder_end             (GlossTextBuilder  *self,
                                                       GArray           **spans);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossTextBuilder, gloss_text_builder_free)

G_END_DECLS
