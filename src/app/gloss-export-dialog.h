/* gloss-export-dialog.h: the Export Notes dialog
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define GLOSS_TYPE_EXPORT_DIALOG (gloss_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (GlossExportDialog, gloss_export_dialog, GLOSS, EXPORT_DIALOG, AdwWindow)

GlossExportDialog *gloss_export_dialog_new     (GtkWindow         *parent,
                                                GPtrArray         *articles,
                                                GPtrArray         *sets);
char              *gloss_export_dialog_dup_text (GlossExportDialog *self);
void               gloss_export_dialog_update  (GlossExportDialog *self);

G_END_DECLS
