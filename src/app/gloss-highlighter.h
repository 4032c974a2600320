/* gloss-highlighter.h: shows an article's annotations as highlights in its text buffer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gloss-annotation-set.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_HIGHLIGHTER (gloss_highlighter_get_type ())

G_DECLARE_FINAL_TYPE (GlossHighlighter, gloss_highlighter, GLOSS, HIGHLIGHTER, GObject)

GlossHighlighter *gloss_highlighter_new             (GtkTextBuffer      *buffer,
                                                     GlossAnnotationSet *set);
void              gloss_highlighter_set_dark        (GlossHighlighter   *self,
                                                     gboolean            dark);
void              gloss_highlighter_paint           (GlossHighlighter   *self);
GPtrArray        *gloss_highlighter_list_at         (GlossHighlighter   *self,
                                                     guint               offset);
void              gloss_highlighter_flash           (GlossHighlighter   *self,
                                                     GlossAnnotation    *annotation);
const char       *gloss_highlighter_color_display_name (const char       *color);
void              gloss_highlighter_color_to_rgba   (const char         *color,
                                                     gboolean            dark,
                                                     GdkRGBA            *rgba);

G_END_DECLS
