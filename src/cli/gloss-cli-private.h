/* gloss-cli-private.h: what the commands share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "gloss-annotation-set.h"
#include "gloss-article.h"
#include "gloss-cli.h"

G_BEGIN_DECLS

int       gloss_cli_usage_error (const char    *command,
                                 const char    *message);
int       gloss_cli_file_error  (const char    *path,
                                 const GError  *error);
int       gloss_cli_sidecar_error (GlossAnnotationSet  *set,
                                   const GError        *error);
GlossArticle *gloss_cli_load_annotated (const char          *path,
                                        GlossAnnotationSet **set);
gboolean  gloss_cli_write       (const char    *data,
                                 gssize         len);
gboolean  gloss_cli_parse       (const char    *command,
                                 GOptionEntry  *entries,
                                 int           *argc,
                                 char        ***argv,
                                 int           *status);

int       gloss_cli_annotate    (int            argc,
                                 char         **argv);
int       gloss_cli_list        (int            argc,
                                 char         **argv);
int       gloss_cli_export      (int            argc,
                                 char         **argv);
int       gloss_cli_import      (int            argc,
                                 char         **argv);
int       gloss_cli_compare     (int            argc,
                                 char         **argv);

G_END_DECLS
