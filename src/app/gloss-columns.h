/* gloss-columns.h: article columns side by side, resizable, or one at a time when narrow
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define GLOSS_TYPE_COLUMNS (gloss_columns_get_type ())

G_DECLARE_FINAL_TYPE (GlossColumns, gloss_columns, GLOSS, COLUMNS, GtkWidget)

GtkWidget  *gloss_columns_new               (void);
void        gloss_columns_append            (GlossColumns  *self,
                                             GtkWidget     *child);
void        gloss_columns_remove            (GlossColumns  *self,
                                             GtkWidget     *child);
void        gloss_columns_move              (GlossColumns  *self,
                                             GtkWidget     *child,
                                             guint          position);
guint       gloss_columns_get_n_columns     (GlossColumns  *self);
GtkWidget  *gloss_columns_get_nth           (GlossColumns  *self,
                                             guint          position);
int         gloss_columns_index_of          (GlossColumns  *self,
                                             GtkWidget     *child);
gboolean    gloss_columns_get_folded        (GlossColumns  *self);
GtkWidget  *gloss_columns_get_visible_child (GlossColumns  *self);
void        gloss_columns_set_visible_child (GlossColumns  *self,
                                             GtkWidget     *child);
void        gloss_columns_reset_widths      (GlossColumns  *self);

G_END_DECLS
