/* gloss-annotation.h: one highlight of a passage, with colour, tags and a note
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "gloss-article.h"

G_BEGIN_DECLS

/* How many code points of context are kept on each side of the quote. */
#define GLOSS_ANNOTATION_CONTEXT_LENGTH 32
#define GLOSS_ANNOTATION_DEFAULT_COLOR  "yellow"

/* Found when a sidecar is opened against the article text; never stored. */
typedef enum
{
  GLOSS_ANCHOR_STATE_EXACT,
  GLOSS_ANCHOR_STATE_MOVED,
  GLOSS_ANCHOR_STATE_FUZZY,
  GLOSS_ANCHOR_STATE_SUGGESTED,
  GLOSS_ANCHOR_STATE_ORPHANED,
} GlossAnchorState;

#define GLOSS_TYPE_ANCHOR_STATE (gloss_anchor_state_get_type ())
#define GLOSS_TYPE_ANNOTATION   (gloss_annotation_get_type ())

GType               gloss_anchor_state_get_type           (void) G_GNUC_CONST;

G_DECLARE_FINAL_TYPE (GlossAnnotation, gloss_annotation, GLOSS, ANNOTATION, GObject)

const char         *gloss_anchor_state_to_string          (GlossAnchorState      state);
gboolean            gloss_anchor_state_from_string        (const char           *name,
                                                           GlossAnchorState     *state);

const char * const *gloss_annotation_list_colors          (void);
gboolean            gloss_annotation_color_is_valid       (const char           *color);
char              **gloss_annotation_normalize_tags       (const char * const   *tags);
char               *gloss_annotation_now                  (void);
char               *gloss_annotation_normalize_time       (const char           *time);

GlossAnnotation    *gloss_annotation_new                  (const char           *text,
                                                           guint                 start,
                                                           guint                 end);
GlossAnnotation    *gloss_annotation_new_for_article      (GlossArticle         *article,
                                                           guint                 start,
                                                           guint                 end);
GlossAnnotation    *gloss_annotation_new_full             (const char           *id,
                                                           guint                 start,
                                                           guint                 end,
                                                           const char           *exact,
                                                           const char           *prefix,
                                                           const char           *suffix,
                                                           const char           *created,
                                                           const char           *modified);
void                gloss_annotation_restore              (GlossAnnotation      *self,
                                                           const char           *color,
                                                           const char * const   *tags,
                                                           const char           *note);
GlossAnnotation    *gloss_annotation_copy                 (GlossAnnotation      *self);
void                gloss_annotation_update_from          (GlossAnnotation      *self,
                                                           GlossAnnotation      *other);
gboolean            gloss_annotation_equal                (GlossAnnotation      *a,
                                                           GlossAnnotation      *b);
int                 gloss_annotation_compare              (GlossAnnotation      *a,
                                                           GlossAnnotation      *b);

const char         *gloss_annotation_get_id               (GlossAnnotation      *self);
guint               gloss_annotation_get_start            (GlossAnnotation      *self);
guint               gloss_annotation_get_end              (GlossAnnotation      *self);
const char         *gloss_annotation_get_exact            (GlossAnnotation      *self);
const char         *gloss_annotation_get_prefix           (GlossAnnotation      *self);
const char         *gloss_annotation_get_suffix           (GlossAnnotation      *self);
void                gloss_annotation_set_target           (GlossAnnotation      *self,
                                                           guint                 start,
                                                           guint                 end,
                                                           const char           *exact,
                                                           const char           *prefix,
                                                           const char           *suffix);
gboolean            gloss_annotation_set_target_from_text (GlossAnnotation      *self,
                                                           const char           *text,
                                                           guint                 start,
                                                           guint                 end);
const char         *gloss_annotation_get_color            (GlossAnnotation      *self);
void                gloss_annotation_set_color            (GlossAnnotation      *self,
                                                           const char           *color);
const char * const *gloss_annotation_get_tags             (GlossAnnotation      *self);
void                gloss_annotation_set_tags             (GlossAnnotation      *self,
                                                           const char * const   *tags);
gboolean            gloss_annotation_add_tag              (GlossAnnotation      *self,
                                                           const char           *tag);
gboolean            gloss_annotation_remove_tag           (GlossAnnotation      *self,
                                                           const char           *tag);
const char         *gloss_annotation_get_note             (GlossAnnotation      *self);
void                gloss_annotation_set_note             (GlossAnnotation      *self,
                                                           const char           *note);
const char         *gloss_annotation_get_created          (GlossAnnotation      *self);
const char         *gloss_annotation_get_modified         (GlossAnnotation      *self);
void                gloss_annotation_set_modified         (GlossAnnotation      *self,
                                                           const char           *modified);
GlossAnchorState    gloss_annotation_get_anchor_state     (GlossAnnotation      *self);
void                gloss_annotation_set_anchor_state     (GlossAnnotation      *self,
                                                           GlossAnchorState      state);
void                gloss_annotation_set_anchor           (GlossAnnotation      *self,
                                                           GlossAnchorState      state,
                                                           guint                 start,
                                                           guint                 end);
gboolean            gloss_annotation_is_attached          (GlossAnnotation      *self);
guint               gloss_annotation_get_anchor_start     (GlossAnnotation      *self);
guint               gloss_annotation_get_anchor_end       (GlossAnnotation      *self);
JsonObject         *gloss_annotation_get_extra_members    (GlossAnnotation      *self);
void                gloss_annotation_set_extra_members    (GlossAnnotation      *self,
                                                           JsonObject           *members);

G_END_DECLS
