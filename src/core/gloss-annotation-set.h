/* gloss-annotation-set.h: all annotations of one article, and its sidecar file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "gloss-annotation.h"
#include "gloss-article.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_ANNOTATION_SET (gloss_annotation_set_get_type ())

G_DECLARE_FINAL_TYPE (GlossAnnotationSet, gloss_annotation_set, GLOSS, ANNOTATION_SET, GObject)

GlossAnnotationSet *gloss_annotation_set_new               (GFile                *article_file,
                                                            const char           *sha256,
                                                            guint                 length);
GlossAnnotationSet *gloss_annotation_set_new_for_article   (GlossArticle         *article);

GFile              *gloss_annotation_set_get_article_file  (GlossAnnotationSet   *self);
const char         *gloss_annotation_set_get_sha256        (GlossAnnotationSet   *self);
guint               gloss_annotation_set_get_length        (GlossAnnotationSet   *self);
void                gloss_annotation_set_set_fingerprint   (GlossAnnotationSet   *self,
                                                            const char           *sha256,
                                                            guint                 length);
const char         *gloss_annotation_set_get_stored_sha256 (GlossAnnotationSet   *self);
guint               gloss_annotation_set_get_stored_length (GlossAnnotationSet   *self);

gboolean            gloss_annotation_set_add               (GlossAnnotationSet   *self,
                                                            GlossAnnotation      *annotation);
void                gloss_annotation_set_update            (GlossAnnotationSet   *self,
                                                            GlossAnnotation      *annotation);
gboolean            gloss_annotation_set_remove            (GlossAnnotationSet   *self,
                                                            GlossAnnotation      *annotation);
GlossAnnotation    *gloss_annotation_set_lookup            (GlossAnnotationSet   *self,
                                                            const char           *id);
const char         *gloss_annotation_set_get_deletion_time (GlossAnnotationSet   *self,
                                                            const char           *id);

guint               gloss_annotation_set_get_merge_count   (GlossAnnotationSet   *self);
void                gloss_annotation_set_anchor_to_text    (GlossAnnotationSet   *self,
                                                            const char           *text,
                                                            gssize                text_bytes);

gboolean            gloss_annotation_set_get_dirty         (GlossAnnotationSet   *self);
gboolean            gloss_annotation_set_get_read_only     (GlossAnnotationSet   *self);
const GError       *gloss_annotation_set_get_load_error    (GlossAnnotationSet   *self);
GFile              *gloss_annotation_set_get_sidecar_file  (GlossAnnotationSet   *self,
                                                            gboolean             *is_fallback);
const GError       *gloss_annotation_set_get_fallback_reason (GlossAnnotationSet *self);
void                gloss_annotation_set_move_to_fallback  (GlossAnnotationSet   *self,
                                                            const GError         *reason);

gboolean            gloss_annotation_set_load              (GlossAnnotationSet   *self,
                                                            GCancellable         *cancellable,
                                                            GError              **error);
gboolean            gloss_annotation_set_save              (GlossAnnotationSet   *self,
                                                            GCancellable         *cancellable,
                                                            GError              **error);

G_END_DECLS
