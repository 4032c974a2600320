/* gloss-cli-export.c: `gloss export`, the annotated notes as Markdown, HTML, JSON-LD or CSV
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Read-only towards the articles and their annotations. All or nothing: when one article
 * cannot be read, nothing is written, so that a script never takes half an export for a
 * whole one. OUT is replaced atomically (a temporary file renamed over it).
 */

#define G_LOG_DOMAIN "gloss-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "gloss-annotation-set.h"
#include "gloss-article.h"
#include "gloss-cli-private.h"
#include "gloss-export.h"
#include "gloss-sidecar.h"

/* OUT must not be one of the articles or of their sidecars: export would destroy it. */
static gboolean
is_input (GFile        *out,
          GPtrArray    *articles,
          GPtrArray    *sets)
{
  for (guint i = 0; i < articles->len; i++)
    {
      g_autoptr(GFile) sidecar =
        gloss_annotation_set_get_sidecar_file (g_ptr_array_index (sets, i), NULL);

      if (g_file_equal (out, gloss_article_get_file (g_ptr_array_index (articles, i))) ||
          (sidecar != NULL && g_file_equal (out, sidecar)))
        return TRUE;
    }

  return FALSE;
}

static int
write_output (const char *output,
              GBytes     *bytes)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  if (output == NULL || g_str_equal (output, "-"))
    {
      if (!gloss_cli_write (data, len) || fflush (stdout) != 0)
        {
          g_printerr ("gloss: %s\n", _("could not write the export to standard output"));
          return GLOSS_EXIT_FAILURE;
        }
      return GLOSS_EXIT_OK;
    }

  file = g_file_new_for_commandline_arg (output);
  if (!g_file_replace_contents (file, data, len, NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL,
                                &error))
    return gloss_cli_file_error (output, error);

  return GLOSS_EXIT_OK;
}

int
gloss_cli_export (int    argc,
                  char **argv)
{
  g_autofree char *format_name = NULL;
  g_autofree char *group_by = NULL;
  g_autofree char *output = NULL;
  g_auto(GStrv) tags = NULL;
  g_auto(GStrv) colors = NULL;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_name,
      N_("markdown (the default), html, json (W3C Web Annotations) or csv"), N_("FORMAT") },
    { "group-by", 0, 0, G_OPTION_ARG_STRING, &group_by,
      N_("A heading per article (the default) or per tag"), N_("article|tag") },
    { "tag", 0, 0, G_OPTION_ARG_STRING_ARRAY, &tags,
      N_("Only annotations with this tag (repeat for more)"), N_("TAG") },
    { "color", 0, 0, G_OPTION_ARG_STRING_ARRAY, &colors,
      N_("Only annotations of this colour (repeat for more)"), N_("NAME") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write to OUT instead of standard output"), N_("OUT") },
    { NULL }
  };
  g_autoptr(GlossExport) export = gloss_export_new ();
  g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) sets = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GBytes) bytes = NULL;
  GlossExportFormat format = GLOSS_EXPORT_FORMAT_MARKDOWN;
  GlossExportGrouping grouping = GLOSS_EXPORT_GROUP_BY_ARTICLE;
  int status = GLOSS_EXIT_OK;

  if (!gloss_cli_parse ("export", entries, &argc, &argv, &status))
    return status;

  if (argc < 2)
    return gloss_cli_usage_error ("export", _("expected at least one FILE"));
  if (format_name != NULL && !gloss_export_format_from_string (format_name, &format))
    return gloss_cli_usage_error ("export", _("--format takes markdown, html, json or csv"));
  if (group_by != NULL && !gloss_export_grouping_from_string (group_by, &grouping))
    return gloss_cli_usage_error ("export", _("--group-by takes article or tag"));
  for (guint i = 0; colors != NULL && colors[i] != NULL; i++)
    if (!gloss_annotation_color_is_valid (colors[i]))
      {
        g_autofree char *names = g_strjoinv (", ", (char **) gloss_annotation_list_colors ());
        g_autofree char *message = g_strdup_printf (_("no colour “%s”; the colours are %s"),
                                                    colors[i], names);

        return gloss_cli_usage_error ("export", message);
      }
  if (output != NULL && output[0] == '\0')
    return gloss_cli_usage_error ("export", _("-o needs a file name"));

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GlossAnnotationSet) set = NULL;
      g_autoptr(GlossArticle) article = gloss_cli_load_annotated (argv[i], &set);

      if (article == NULL)
        {
          status = GLOSS_EXIT_FAILURE;
          continue;
        }
      gloss_export_add_source (export, article, set);
      g_ptr_array_add (articles, g_steal_pointer (&article));
      g_ptr_array_add (sets, g_steal_pointer (&set));
    }
  if (status != GLOSS_EXIT_OK)
    return status;

  if (output != NULL && !g_str_equal (output, "-"))
    {
      g_autoptr(GFile) out = g_file_new_for_commandline_arg (output);

      if (is_input (out, articles, sets))
        return gloss_cli_usage_error ("export", _("OUT is one of the articles or their "
                                                  "annotation files"));
    }

  gloss_export_set_format (export, format);
  gloss_export_set_grouping (export, grouping);
  gloss_export_set_tags (export, (const char * const *) tags);
  gloss_export_set_colors (export, (const char * const *) colors);
  bytes = gloss_export_run (export, NULL);

  return write_output (output, bytes);
}
