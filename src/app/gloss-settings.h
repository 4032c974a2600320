/* gloss-settings.h: the app's settings as a typed object
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The reading size, in points, at zoom 1 when the font setting names no size. */
#define GLOSS_SETTINGS_DEFAULT_FONT_POINTS 12.5

#define GLOSS_TYPE_SETTINGS (gloss_settings_get_type ())

G_DECLARE_FINAL_TYPE (GlossSettings, gloss_settings, GLOSS, SETTINGS, GObject)

GlossSettings      *gloss_settings_get_default           (void);
GlossSettings      *gloss_settings_new                   (GSettings     *settings);
GSettings          *gloss_settings_get_gsettings         (GlossSettings *self);

const char         *gloss_settings_get_font              (GlossSettings *self);
void                gloss_settings_set_font              (GlossSettings *self,
                                                          const char    *font);
const char         *gloss_settings_get_reading_font      (GlossSettings *self);
double              gloss_settings_get_font_points       (GlossSettings *self);
double              gloss_settings_get_line_spacing      (GlossSettings *self);
void                gloss_settings_set_line_spacing      (GlossSettings *self,
                                                          double         line_spacing);
int                 gloss_settings_get_column_width      (GlossSettings *self);
void                gloss_settings_set_column_width      (GlossSettings *self,
                                                          int            column_width);
const char         *gloss_settings_get_color_scheme      (GlossSettings *self);
void                gloss_settings_set_color_scheme      (GlossSettings *self,
                                                          const char    *color_scheme);
const char         *gloss_settings_get_highlight_color   (GlossSettings *self);
void                gloss_settings_set_highlight_color   (GlossSettings *self,
                                                          const char    *color);
int                 gloss_settings_get_compare_min_words (GlossSettings *self);
void                gloss_settings_set_compare_min_words (GlossSettings *self,
                                                          int            min_words);
double              gloss_settings_get_zoom              (GlossSettings *self);
void                gloss_settings_set_zoom              (GlossSettings *self,
                                                          double         zoom);
gboolean            gloss_settings_get_scroll_together   (GlossSettings *self);
void                gloss_settings_set_scroll_together   (GlossSettings *self,
                                                          gboolean       scroll_together);
char               *gloss_settings_dup_reading_css       (GlossSettings *self);

G_END_DECLS
