/* gloss-cli-list.c: `gloss list`, the annotations of articles as they anchor now
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Read-only: annotations are re-anchored in memory against the article as it is now, and
 * nothing is written, even when the sidecar is out of date.
 */

#define G_LOG_DOMAIN "gloss-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "gloss-annotation-set.h"
#include "gloss-article.h"
#include "gloss-cli-private.h"

#define CLIP_CHARS 48

static char *
text_at (GlossArticle *article,
         guint         start,
         guint         end)
{
  const char *text = gloss_article_get_text (article);
  const char *from = g_utf8_offset_to_pointer (text, start);

  return g_strndup (from, g_utf8_offset_to_pointer (from, end - start) - from);
}

static void
add_annotation_json (JsonBuilder     *builder,
                     const char      *path,
                     GlossArticle    *article,
                     GlossAnnotation *annotation)
{
  gboolean attached = gloss_annotation_is_attached (annotation);
  GlossAnchorState state = gloss_annotation_get_anchor_state (annotation);
  guint start = gloss_annotation_get_anchor_start (annotation);
  guint end = gloss_annotation_get_anchor_end (annotation);
  const char * const *tags = gloss_annotation_get_tags (annotation);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "file");
  json_builder_add_string_value (builder, path);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, gloss_annotation_get_id (annotation));
  json_builder_set_member_name (builder, "state");
  json_builder_add_string_value (builder, gloss_anchor_state_to_string (state));
  json_builder_set_member_name (builder, "start");
  if (attached)
    json_builder_add_int_value (builder, start);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "end");
  if (attached)
    json_builder_add_int_value (builder, end);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "quote");
  if (attached)
    {
      g_autofree char *quote = text_at (article, start, end);

      json_builder_add_string_value (builder, quote);
    }
  else
    json_builder_add_string_value (builder, gloss_annotation_get_exact (annotation));
  if (state == GLOSS_ANCHOR_STATE_SUGGESTED)
    {
      json_builder_set_member_name (builder, "suggestion");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "start");
      json_builder_add_int_value (builder, start);
      json_builder_set_member_name (builder, "end");
      json_builder_add_int_value (builder, end);
      json_builder_end_object (builder);
    }
  json_builder_set_member_name (builder, "tags");
  json_builder_begin_array (builder);
  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    json_builder_add_string_value (builder, tags[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "color");
  json_builder_add_string_value (builder, gloss_annotation_get_color (annotation));
  json_builder_set_member_name (builder, "note");
  json_builder_add_string_value (builder, gloss_annotation_get_note (annotation));
  json_builder_set_member_name (builder, "created");
  json_builder_add_string_value (builder, gloss_annotation_get_created (annotation));
  json_builder_set_member_name (builder, "modified");
  json_builder_add_string_value (builder, gloss_annotation_get_modified (annotation));
  json_builder_end_object (builder);
}

/* One line of the readable table; long quotes and notes are clipped. */
static void
print_annotation_row (GlossArticle    *article,
                      GlossAnnotation *annotation)
{
  gboolean attached = gloss_annotation_is_attached (annotation);
  guint start = gloss_annotation_get_anchor_start (annotation);
  guint end = gloss_annotation_get_anchor_end (annotation);
  g_autofree char *quote = attached ? text_at (article, start, end)
                                    : g_strdup (gloss_annotation_get_exact (annotation));
  g_autofree char *tags = g_strjoinv (", ", (char **) gloss_annotation_get_tags (annotation));
  g_autofree char *where = attached ? g_strdup_printf ("%u:%u", start, end)
                                    : g_strdup ("-");
  const char *note = gloss_annotation_get_note (annotation);
  g_autoptr(GString) line = g_string_new (NULL);

  g_strdelimit (quote, "\n\t", ' ');
  if (g_utf8_strlen (quote, -1) > CLIP_CHARS)
    {
      *g_utf8_offset_to_pointer (quote, CLIP_CHARS - 1) = '\0';
      quote = g_strconcat (g_steal_pointer (&quote), "…", NULL);
    }

  g_string_append_printf (line, "%-9s %-13s %-7s “%s”",
                          gloss_anchor_state_to_string (gloss_annotation_get_anchor_state (annotation)),
                          where, gloss_annotation_get_color (annotation), quote);
  if (tags[0] != '\0')
    g_string_append_printf (line, "  [%s]", tags);
  if (note != NULL && note[0] != '\0')
    {
      g_autofree char *first_line = g_strdup (note);

      g_strdelimit (first_line, "\n", '\0');
      g_string_append_printf (line, "  %s%s", first_line, strchr (note, '\n') ? " …" : "");
    }
  g_string_append_c (line, '\n');
  gloss_cli_write (line->str, line->len);
}

/* Lists one article's annotations; FALSE (message printed) when it cannot be read. */
static gboolean
list_file (const char  *path,
           JsonBuilder *builder)
{
  g_autoptr(GlossAnnotationSet) set = NULL;
  g_autoptr(GlossArticle) article = gloss_cli_load_annotated (path, &set);
  g_autoptr(GFile) sidecar = NULL;
  gboolean fallback = FALSE;
  guint n;

  if (article == NULL)
    return FALSE;

  n = g_list_model_get_n_items (G_LIST_MODEL (set));
  if (builder == NULL)
    {
      g_autofree char *header = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                              "%s: %u annotation\n",
                                                              "%s: %u annotations\n", n),
                                                 path, n);

      gloss_cli_write (header, -1);

      /* Say where the annotations are when it is not next to the article. */
      sidecar = gloss_annotation_set_get_sidecar_file (set, &fallback);
      if (fallback)
        {
          g_autofree char *sidecar_path = g_file_get_parse_name (sidecar);
          g_autofree char *where = g_strdup_printf (_("  (kept in %s: the article’s folder "
                                                      "cannot be written)\n"), sidecar_path);

          gloss_cli_write (where, -1);
        }
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GlossAnnotation) annotation = g_list_model_get_item (G_LIST_MODEL (set), i);

      if (builder != NULL)
        add_annotation_json (builder, path, article, annotation);
      else
        print_annotation_row (article, annotation);
    }

  return TRUE;
}

int
gloss_cli_list (int    argc,
                char **argv)
{
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(JsonBuilder) builder = NULL;
  int status = GLOSS_EXIT_OK;

  if (!gloss_cli_parse ("list", entries, &argc, &argv, &status))
    return status;
  if (argc < 2)
    return gloss_cli_usage_error ("list", _("expected at least one FILE"));

  if (json)
    {
      builder = json_builder_new ();
      json_builder_begin_array (builder);
    }

  for (int i = 1; i < argc; i++)
    if (!list_file (argv[i], builder))
      status = GLOSS_EXIT_FAILURE;

  if (json)
    {
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *output = NULL;

      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      json_generator_set_root (generator, root);
      json_generator_set_pretty (generator, TRUE);
      output = json_generator_to_data (generator, NULL);
      gloss_cli_write (output, -1);
      gloss_cli_write ("\n", 1);
    }

  return status;
}
