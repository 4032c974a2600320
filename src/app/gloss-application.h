/* gloss-application.h: the application: windows, settings, app-wide actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "gloss-settings.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_APPLICATION (gloss_application_get_type ())

G_DECLARE_FINAL_TYPE (GlossApplication, gloss_application, GLOSS, APPLICATION, AdwApplication)

GlossApplication  *gloss_application_new               (void);
GSettings         *gloss_application_new_settings      (void);
GlossSettings     *gloss_application_get_settings      (GlossApplication *self);
GtkCssProvider    *gloss_application_get_reading_css   (GlossApplication *self);

G_END_DECLS
