/* gloss-cli-import.c: `gloss import`, W3C Web Annotations added to an article's sidecar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The annotations go through the sidecar's normal merging save, matched by id: importing the
 * same file twice adds nothing, and a newer edit in the sidecar is not overwritten.
 */

#define G_LOG_DOMAIN "gloss-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "gloss-annotation-set.h"
#include "gloss-article.h"
#include "gloss-cli-private.h"
#include "gloss-sidecar.h"
#include "gloss-w3c-importer.h"

static GBytes *
read_annotations (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize len;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, NULL, &error);
  if (info != NULL && g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY, _("is a folder"));
  else if (info != NULL && g_file_info_get_size (info) > GLOSS_SIDECAR_MAX_SIZE)
    g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_FAILED, _("too large"));
  if (error == NULL && !g_file_load_contents (file, NULL, &data, &len, NULL, &error))
    g_assert (error != NULL);

  if (error != NULL)
    {
      gloss_cli_file_error (path, error);
      return NULL;
    }

  return g_bytes_new_take (g_steal_pointer (&data), len);
}

int
gloss_cli_import (int    argc,
                  char **argv)
{
  GOptionEntry entries[] = {
    { NULL }
  };
  g_autoptr(GlossArticle) article = NULL;
  g_autoptr(GlossAnnotationSet) set = NULL;
  g_autoptr(GPtrArray) annotations = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  GlossW3cImportCounts counts;
  const char *json_path, *path;
  guint skipped = 0, orphaned = 0;
  int status;

  if (!gloss_cli_parse ("import", entries, &argc, &argv, &status))
    return status;
  if (argc != 3)
    return gloss_cli_usage_error ("import", _("expected ANNOTATIONS.json and one FILE"));
  json_path = argv[1];
  path = argv[2];

  bytes = read_annotations (json_path);
  if (bytes == NULL)
    return GLOSS_EXIT_FAILURE;

  article = gloss_cli_load_annotated (path, &set);
  if (article == NULL)
    return GLOSS_EXIT_FAILURE;

  annotations = gloss_w3c_importer_parse (article, g_bytes_get_data (bytes, NULL),
                                          g_bytes_get_size (bytes), &skipped, &error);
  if (annotations == NULL)
    return gloss_cli_file_error (json_path, error);

  gloss_w3c_importer_merge (set, annotations, &counts);
  if (!gloss_annotation_set_save (set, NULL, &error))
    return gloss_cli_sidecar_error (set, error);

  for (guint i = 0; i < annotations->len; i++)
    if (!gloss_annotation_is_attached (g_ptr_array_index (annotations, i)))
      orphaned++;

  /* For people and scripts: what happened, on one line. */
  printf (_("%s: %u added, %u updated, %u already there\n"), path, counts.added,
          counts.updated, counts.unchanged);
  if (orphaned > 0)
    g_printerr (g_dngettext (GETTEXT_PACKAGE,
                             "gloss: %s: %u annotation was not found in the text; it is kept "
                             "as orphaned\n",
                             "gloss: %s: %u annotations were not found in the text; they are "
                             "kept as orphaned\n", orphaned), path, orphaned);
  if (skipped > 0)
    g_printerr (g_dngettext (GETTEXT_PACKAGE,
                             "gloss: %s: %u item is not an annotation of a text passage; "
                             "it was skipped\n",
                             "gloss: %s: %u items are not annotations of a text passage; "
                             "they were skipped\n", skipped), json_path, skipped);

  return GLOSS_EXIT_OK;
}
