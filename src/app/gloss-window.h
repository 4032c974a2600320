/* gloss-window.h: the main window: article columns side by side
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define GLOSS_TYPE_WINDOW (gloss_window_get_type ())

G_DECLARE_FINAL_TYPE (GlossWindow, gloss_window, GLOSS, WINDOW, AdwApplicationWindow)

GlossWindow  *gloss_window_new             (GtkApplication  *application);
void          gloss_window_open_files      (GlossWindow     *self,
                                            GFile          **files,
                                            guint            n_files);
void          gloss_window_restore_session (GlossWindow     *self);

G_END_DECLS
