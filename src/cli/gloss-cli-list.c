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

#include "gloss-anchor.h"
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
add_annotation_json (JsonBuilder             *builder,
                     const char              *path,
                     GlossArticle            *article,
                     GlossAnnotation         *annotation,
                     const GlossAnchorResult *result)
{
  gboolean attached = gloss_anchor_match_is_attached (result->match);
  const char * const *tags = gloss_annotation_get_tags (annotation);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "file");
  json_builder_add_string_value (builder, path);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, gloss_annotation_get_id (annotation));
  json_builder_set_member_name (builder, "state");
  json_builder_add_string_value (builder, gloss_anchor_match_to_string (result->match));
  json_builder_set_member_name (builder, "start");
  if (attached)
    json_builder_add_int_value (builder, result->start);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "end");
  if (attached)
    json_builder_add_int_value (builder, result->end);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "quote");
  if (attached)
    {
      g_autofree char *quote = text_at (article, result->start, result->end);

      json_builder_add_string_value (builder, quote);
    }
  else
    json_builder_add_string_value (builder, gloss_annotation_get_exact (annotation));
  if (result->match == GLOSS_ANCHOR_MATCH_SUGGESTED)
    {
      json_builder_set_member_name (builder, "suggestion");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "start");
      json_builder_add_int_value (builder, result->start);
      json_builder_set_member_name (builder, "end");
      json_builder_add_int_value (builder, result->end);
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
print_annotation_row (GlossArticle            *article,
                      GlossAnnotation         *annotation,
                      const GlossAnchorResult *result)
{
  gboolean attached = gloss_anchor_match_is_attached (result->match);
  g_autofree char *quote = attached ? text_at (article, result->start, result->end)
                                    : g_strdup (gloss_annotation_get_exact (annotation));
  g_autofree char *tags = g_strjoinv (", ", (char **) gloss_annotation_get_tags (annotation));
  g_autofree char *where = attached ? g_strdup_printf ("%u:%u", result->start, result->end)
                                    : g_strdup ("-");
  const char *note = gloss_annotation_get_note (annotation);
  g_autoptr(GString) line = g_string_new (NULL);

  g_strdelimit (quote, "\n\t", ' ');
  if (g_utf8_strlen (quote, -1) > CLIP_CHARS)
    {
      *g_utf8_offset_to_pointer (quote, CLIP_CHARS - 1) = '\0';
      quote = g_strconcat (g_steal_pointer (&quote), "…", NULL);
    }

  g_string_append_printf (line, "%-9s %-13s %-7s “%s”", gloss_anchor_match_to_string (result->match),
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
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GlossArticle) article = NULL;
  g_autoptr(GlossAnnotationSet) set = NULL;
  g_autoptr(GlossAnchorer) anchorer = NULL;
  g_autoptr(GPtrArray) annotations = NULL;
  g_autofree GlossAnchorTarget *targets = NULL;
  g_autofree GlossAnchorResult *results = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) sidecar = NULL;
  gboolean fallback = FALSE;
  guint n;

  article = gloss_article_load (file, NULL, &error);
  if (article == NULL)
    {
      gloss_cli_file_error (path, error);
      return FALSE;
    }

  set = gloss_annotation_set_new_for_article (article);
  if (!gloss_annotation_set_load (set, NULL, &error))
    {
      gloss_cli_sidecar_error (set, error);
      return FALSE;
    }

  anchorer = gloss_anchorer_new (gloss_article_get_text (article),
                                 gloss_article_get_text_size (article));
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

  /* All at once: long quotes anchor first and tell how far the short ones probably moved. */
  targets = g_new0 (GlossAnchorTarget, MAX (n, 1));
  results = g_new0 (GlossAnchorResult, MAX (n, 1));
  annotations = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      GlossAnnotation *annotation = g_list_model_get_item (G_LIST_MODEL (set), i);

      g_ptr_array_add (annotations, annotation);
      targets[i] = (GlossAnchorTarget) {
        gloss_annotation_get_exact (annotation),
        gloss_annotation_get_prefix (annotation),
        gloss_annotation_get_suffix (annotation),
        gloss_annotation_get_start (annotation),
        gloss_annotation_get_end (annotation),
      };
    }
  gloss_anchorer_resolve_all (anchorer, targets, n, results);

  for (guint i = 0; i < n; i++)
    {
      if (builder != NULL)
        add_annotation_json (builder, path, article, g_ptr_array_index (annotations, i),
                             &results[i]);
      else
        print_annotation_row (article, g_ptr_array_index (annotations, i), &results[i]);
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
