/* gloss-tag-manager.h: every tag of the open articles: rename, merge, delete
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "gloss-annotation-history.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_TAG_MANAGER (gloss_tag_manager_get_type ())

G_DECLARE_FINAL_TYPE (GlossTagManager, gloss_tag_manager, GLOSS, TAG_MANAGER, AdwWindow)

GtkWidget *gloss_tag_manager_new         (GtkWindow              *parent,
                                          GListModel             *views,
                                          GlossAnnotationHistory *history);

/* The edits, as the dialog makes them after confirmation; one undoable step each. */
guint      gloss_tag_manager_rename      (GlossTagManager        *self,
                                          const char             *tag,
                                          const char             *new_name);
guint      gloss_tag_manager_delete      (GlossTagManager        *self,
                                          const char             *tag);
guint      gloss_tag_manager_count       (GlossTagManager        *self,
                                          const char             *tag);

G_END_DECLS
