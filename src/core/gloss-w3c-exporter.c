/* gloss-w3c-exporter.c: the annotations as a W3C Web Annotation collection (JSON-LD)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * https://www.w3.org/TR/annotation-model/ — an AnnotationCollection whose first (and only)
 * AnnotationPage holds every annotation once, in the order of the articles and of reading.
 * Each annotation targets its article file with a TextQuoteSelector and a
 * TextPositionSelector (code points, as in Gloss); tags are TextualBody with purpose
 * "tagging", the note a TextualBody with purpose "commenting". The colour is the target's
 * "styleClass", with a "stylesheet" that gives it: the model's own way to carry a style, so
 * nothing Gloss-specific is needed and gloss-w3c-importer.c reads it all back.
 */

#define G_LOG_DOMAIN "gloss-export"

#include "config.h"

#include "gloss-w3c-exporter.h"

#include <json-glib/json-glib.h>

#define W3C_CONTEXT "http://www.w3.org/ns/anno.jsonld"

static const struct {
  const char *name;
  const char *css;
} highlight_colors[] = {
  { "yellow", "#f8e45c" }, { "green", "#8ff0a4" }, { "blue", "#99c1f1" },
  { "pink", "#ffa3d4" }, { "purple", "#dc8add" }, { "orange", "#ffbe6f" },
  { "red", "#f66151" }, { "gray", "#c0bfbc" },
};

static void
add_string_member (JsonBuilder *builder,
                   const char  *name,
                   const char  *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

static void
add_textual_body (JsonBuilder *builder,
                  const char  *purpose,
                  const char  *value)
{
  json_builder_begin_object (builder);
  add_string_member (builder, "type", "TextualBody");
  add_string_member (builder, "purpose", purpose);
  add_string_member (builder, "value", value);
  if (g_str_equal (purpose, "commenting"))
    add_string_member (builder, "format", "text/plain");
  json_builder_end_object (builder);
}

/* A Gloss id as an IRI: UUIDs as urn:uuid:, ids that already are IRIs (from an import) as
 * they are, anything else under urn:x-gloss:. gloss-w3c-importer.c undoes this. */
static char *
dup_annotation_iri (const char *id)
{
  g_autofree char *escaped = NULL;

  if (g_uuid_string_is_valid (id))
    return g_strconcat ("urn:uuid:", id, NULL);
  if (g_uri_peek_scheme (id) != NULL)
    return g_strdup (id);

  escaped = g_uri_escape_string (id, NULL, FALSE);
  return g_strconcat ("urn:x-gloss:", escaped, NULL);
}

static void
add_target (JsonBuilder           *builder,
            const GlossExportItem *item,
            const char            *source)
{
  json_builder_set_member_name (builder, "target");
  json_builder_begin_object (builder);
  add_string_member (builder, "source", source);
  add_string_member (builder, "styleClass", gloss_annotation_get_color (item->annotation));
  json_builder_set_member_name (builder, "selector");
  json_builder_begin_array (builder);

  json_builder_begin_object (builder);
  add_string_member (builder, "type", "TextQuoteSelector");
  add_string_member (builder, "exact", item->quote);
  if (item->prefix[0] != '\0')
    add_string_member (builder, "prefix", item->prefix);
  if (item->suffix[0] != '\0')
    add_string_member (builder, "suffix", item->suffix);
  json_builder_end_object (builder);

  json_builder_begin_object (builder);
  add_string_member (builder, "type", "TextPositionSelector");
  json_builder_set_member_name (builder, "start");
  json_builder_add_int_value (builder, item->start);
  json_builder_set_member_name (builder, "end");
  json_builder_add_int_value (builder, item->end);
  json_builder_end_object (builder);

  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static void
add_stylesheet (JsonBuilder *builder,
                const char  *color)
{
  for (guint i = 0; i < G_N_ELEMENTS (highlight_colors); i++)
    if (g_str_equal (color, highlight_colors[i].name))
      {
        g_autofree char *css = g_strdup_printf (".%s { background-color: %s; }",
                                                color, highlight_colors[i].css);

        json_builder_set_member_name (builder, "stylesheet");
        json_builder_begin_object (builder);
        add_string_member (builder, "type", "CssStylesheet");
        add_string_member (builder, "value", css);
        json_builder_end_object (builder);
        return;
      }
}

static void
add_annotation (JsonBuilder           *builder,
                const GlossExportItem *item,
                const char            *source)
{
  GlossAnnotation *annotation = item->annotation;
  const char * const *tags = gloss_annotation_get_tags (annotation);
  const char *note = gloss_annotation_get_note (annotation);
  g_autofree char *iri = dup_annotation_iri (gloss_annotation_get_id (annotation));

  json_builder_begin_object (builder);
  add_string_member (builder, "id", iri);
  add_string_member (builder, "type", "Annotation");
  add_string_member (builder, "motivation", "highlighting");
  add_string_member (builder, "created", gloss_annotation_get_created (annotation));
  add_string_member (builder, "modified", gloss_annotation_get_modified (annotation));

  if ((tags != NULL && tags[0] != NULL) || note[0] != '\0')
    {
      json_builder_set_member_name (builder, "body");
      json_builder_begin_array (builder);
      for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
        add_textual_body (builder, "tagging", tags[i]);
      if (note[0] != '\0')
        add_textual_body (builder, "commenting", note);
      json_builder_end_array (builder);
    }

  add_target (builder, item, source);
  add_stylesheet (builder, gloss_annotation_get_color (annotation));
  json_builder_end_object (builder);
}

/* The same articles (by text and name, wherever they are) and date give the same id. */
static char *
dup_collection_iri (const GlossExportDocument *document)
{
  g_autoptr(GString) name = g_string_new (document->date);
  g_autofree char *uuid = NULL;

  for (guint i = 0; i < document->articles->len; i++)
    {
      GlossArticle *article = g_ptr_array_index (document->articles, i);
      g_autofree char *file = gloss_export_dup_file_name (article);

      g_string_append_printf (name, "\n%s %s", gloss_article_get_sha256 (article),
                              file != NULL ? file : "");
    }
  uuid = gloss_export_dup_name_uuid (name->str);

  return g_strconcat ("urn:uuid:", uuid, NULL);
}

/**
 * gloss_w3c_exporter_write:
 * @document: what to export; its grouping does not apply (each annotation appears once)
 * @out: where the JSON-LD is appended
 *
 * Writes an AnnotationCollection, pretty-printed, with one trailing newline.
 */
void
gloss_w3c_exporter_write (const GlossExportDocument *document,
                          GString                   *out)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *collection_iri = NULL;

  g_return_if_fail (document != NULL);
  g_return_if_fail (out != NULL);

  for (guint i = 0; i < document->articles->len; i++)
    g_ptr_array_add (sources, gloss_export_dup_source_uri (g_ptr_array_index (document->articles,
                                                                              i)));
  collection_iri = dup_collection_iri (document);

  json_builder_begin_object (builder);
  add_string_member (builder, "@context", W3C_CONTEXT);
  add_string_member (builder, "id", collection_iri);
  add_string_member (builder, "type", "AnnotationCollection");
  add_string_member (builder, "label", "Gloss annotations");
  json_builder_set_member_name (builder, "generator");
  json_builder_begin_object (builder);
  add_string_member (builder, "type", "Software");
  add_string_member (builder, "name", "Gloss");
  json_builder_end_object (builder);
  add_string_member (builder, "generated", document->date);
  json_builder_set_member_name (builder, "total");
  json_builder_add_int_value (builder, document->items->len);

  json_builder_set_member_name (builder, "first");
  json_builder_begin_object (builder);
  add_string_member (builder, "type", "AnnotationPage");
  json_builder_set_member_name (builder, "startIndex");
  json_builder_add_int_value (builder, 0);
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  for (guint i = 0; i < document->items->len; i++)
    {
      GlossExportItem *item = g_ptr_array_index (document->items, i);

      add_annotation (builder, item, g_ptr_array_index (sources, item->source));
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_to_gstring (generator, out);
  g_string_append_c (out, '\n');
}
