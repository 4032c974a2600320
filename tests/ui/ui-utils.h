/* ui-utils.h: what the UI tests share: opening windows, waiting, screenshots
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "gloss-window-private.h"

G_BEGIN_DECLS

#define TIMEOUT_SECONDS 20
#define N_SAMPLES 3

extern const char * const sample_names[N_SAMPLES];

GFile            *sample_file      (const char   *name);
void              run_until        (gboolean    (*done) (gpointer),
                                    gpointer      data);
void              run_for          (guint         milliseconds);
gboolean          window_settled   (gpointer      window);
GlossWindow      *open_window      (int           width,
                                    int           height,
                                    GFile       **files,
                                    guint         n_files);
GlossWindow      *open_samples     (int           width,
                                    int           height);
GlossArticleView *column           (GlossWindow  *window,
                                    guint         i);
guint             n_columns        (GlossWindow  *window);
char             *buffer_text      (GlossArticleView *view);
void              activate         (GlossWindow  *window,
                                    const char   *action);
void              save_screenshot  (GlossWindow  *window,
                                    const char   *name);
const char       *banner_text      (GlossArticleView *view);
int               ui_test_init     (int          *argc,
                                    char       ***argv);

G_END_DECLS
