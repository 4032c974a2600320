/* test-export.c: Markdown, HTML, W3C JSON-LD and CSV exports, against golden files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The golden files are in tests/export/. After an intended change of output, run this test
 * with GLOSS_UPDATE_GOLDEN=1 to rewrite them, and read the diff.
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <libxml/HTMLparser.h>
#include <md4c.h>
#include <string.h>

#include "gloss-export.h"
#include "gloss-markdown-exporter.h"
#include "export/export-fixture.h"

typedef struct
{
  GlossExportFormat   format;
  GlossExportGrouping grouping;
} GoldenCase;

static char *
run_export (ExportFixture       *fixture,
            GlossExportFormat    format,
            GlossExportGrouping  grouping,
            const char * const  *tags,
            const char * const  *colors,
            guint               *n_items)
{
  g_autoptr(GlossExport) export = export_fixture_new_export (fixture);
  g_autoptr(GBytes) bytes = NULL;

  gloss_export_set_format (export, format);
  gloss_export_set_grouping (export, grouping);
  gloss_export_set_tags (export, tags);
  gloss_export_set_colors (export, colors);
  bytes = gloss_export_run (export, n_items);
  g_assert_true (g_utf8_validate (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                  NULL));

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static void
test_golden (ExportFixture *fixture,
             gconstpointer  data)
{
  const GoldenCase *golden = data;
  g_autofree char *output = run_export (fixture, golden->format, golden->grouping, NULL, NULL,
                                        NULL);
  g_autofree char *stable = export_fixture_stabilize (fixture, output);
  g_autofree char *name = g_strdup_printf ("by-%s.%s",
                                           gloss_export_grouping_to_string (golden->grouping),
                                           gloss_export_format_get_extension (golden->format));
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "export", name, NULL);
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;

  if (g_getenv ("GLOSS_UPDATE_GOLDEN") != NULL)
    {
      g_file_set_contents (path, stable, -1, &error);
      g_assert_no_error (error);
    }

  g_file_get_contents (path, &expected, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stable, ==, expected);
}

/* Markdown, read back by md4c: notes and quotes stay text; no emphasis, link, code, raw
 * HTML, table or list sneaks in from what the user or the article wrote. */
typedef struct
{
  guint    h1;
  guint    quotes;
  guint    lists;
  guint    emphasis;
  guint    links;
  guint    forbidden;
  GString *text;
} MarkdownCounts;

static int
md_enter_block (MD_BLOCKTYPE type, void *detail, void *user_data)
{
  MarkdownCounts *counts = user_data;

  if (type == MD_BLOCK_H && ((MD_BLOCK_H_DETAIL *) detail)->level == 1)
    counts->h1++;
  else if (type == MD_BLOCK_QUOTE)
    counts->quotes++;
  else if (type == MD_BLOCK_UL)
    counts->lists++;
  else if (type == MD_BLOCK_H || type == MD_BLOCK_OL || type == MD_BLOCK_CODE ||
           type == MD_BLOCK_HTML || type == MD_BLOCK_TABLE || type == MD_BLOCK_HR)
    counts->forbidden++;

  return 0;
}

static int
md_leave_block (MD_BLOCKTYPE type, void *detail, void *user_data)
{
  return 0;
}

static int
md_enter_span (MD_SPANTYPE type, void *detail, void *user_data)
{
  MarkdownCounts *counts = user_data;

  if (type == MD_SPAN_EM)
    counts->emphasis++;
  else if (type == MD_SPAN_A)
    counts->links++;
  else
    counts->forbidden++;

  return 0;
}

static int
md_leave_span (MD_SPANTYPE type, void *detail, void *user_data)
{
  return 0;
}

static int
md_text (MD_TEXTTYPE type, const MD_CHAR *text, MD_SIZE size, void *user_data)
{
  MarkdownCounts *counts = user_data;

  if (type == MD_TEXT_HTML || type == MD_TEXT_CODE || type == MD_TEXT_ENTITY)
    counts->forbidden++;
  if (type == MD_TEXT_BR || type == MD_TEXT_SOFTBR)
    g_string_append_c (counts->text, '\n');
  else
    g_string_append_len (counts->text, text, size);

  return 0;
}

static void
test_markdown_escapes (ExportFixture *fixture,
                       gconstpointer  data)
{
  g_autofree char *output = run_export (fixture, GLOSS_EXPORT_FORMAT_MARKDOWN,
                                        GLOSS_EXPORT_GROUP_BY_ARTICLE, NULL, NULL, NULL);
  MarkdownCounts counts = { 0, };
  MD_PARSER parser = {
    0, MD_DIALECT_GITHUB, md_enter_block, md_leave_block, md_enter_span, md_leave_span,
    md_text, NULL, NULL,
  };
  const char *body;

  /* The front matter is YAML, not Markdown. */
  g_assert_true (g_str_has_prefix (output, "---\n"));
  body = strstr (output + 4, "\n---\n");
  g_assert_nonnull (body);
  body += 5;

  counts.text = g_string_new (NULL);
  g_assert_cmpint (md_parse (body, strlen (body), &parser, &counts), ==, 0);
  g_assert_cmpuint (counts.forbidden, ==, 0);
  /* Ours: the remark on the orphaned annotation, and the article's web address. */
  g_assert_cmpuint (counts.emphasis, ==, 1);
  g_assert_cmpuint (counts.links, ==, 1);
  g_assert_cmpuint (counts.h1, ==, 2);
  g_assert_cmpuint (counts.lists, ==, 2);          /* the metadata of each article */
  g_assert_cmpuint (counts.quotes, ==, N_ANNOTATIONS);
  g_assert_nonnull (strstr (counts.text->str, "<script>alert(\"x\")</script>"));
  g_assert_nonnull (strstr (counts.text->str, "<img src=x onerror=alert(1)>"));
  g_assert_nonnull (strstr (counts.text->str, "# not a heading"));
  g_assert_nonnull (strstr (counts.text->str, "| a | b |"));
  g_assert_nonnull (strstr (counts.text->str, "Outlet B says Monday.\nCheck the press"));
  g_string_free (counts.text, TRUE);
}

/* The HTML page, read by libxml2: well formed, no script or event handler anywhere, and
 * what looked like markup is text. libxml2 does not know HTML5 elements such as <main>. */
static int html_errors;

static void
on_html_error (void *data, xmlErrorPtr error)
{
  if (error->code != XML_HTML_UNKNOWN_TAG)
    {
      g_test_message ("HTML error %d at line %d: %s", error->code, error->line, error->message);
      html_errors++;
    }
}

static void
check_html_node (xmlNode *node,
                 guint   *n_marks)
{
  for (; node != NULL; node = node->next)
    {
      if (node->type != XML_ELEMENT_NODE)
        continue;

      g_assert_cmpstr ((const char *) node->name, !=, "script");
      g_assert_cmpstr ((const char *) node->name, !=, "img");
      g_assert_cmpstr ((const char *) node->name, !=, "b");
      for (xmlAttr *attr = node->properties; attr != NULL; attr = attr->next)
        {
          g_assert_false (g_str_has_prefix ((const char *) attr->name, "on"));
          g_assert_cmpstr ((const char *) attr->name, !=, "src");
        }
      if (g_str_equal ((const char *) node->name, "mark"))
        (*n_marks)++;
      check_html_node (node->children, n_marks);
    }
}

static void
test_html_valid (ExportFixture *fixture,
                 gconstpointer  data)
{
  g_autofree char *output = run_export (fixture, GLOSS_EXPORT_FORMAT_HTML,
                                        GLOSS_EXPORT_GROUP_BY_ARTICLE, NULL, NULL, NULL);
  xmlDoc *doc;
  xmlChar *text;
  guint n_marks = 0;

  html_errors = 0;
  xmlSetStructuredErrorFunc (NULL, on_html_error);
  doc = htmlReadMemory (output, strlen (output), NULL, "UTF-8", HTML_PARSE_NONET);
  xmlSetStructuredErrorFunc (NULL, NULL);
  g_assert_nonnull (doc);
  g_assert_cmpint (html_errors, ==, 0);

  check_html_node (xmlDocGetRootElement (doc), &n_marks);
  g_assert_cmpuint (n_marks, >=, N_ANNOTATIONS);
  text = xmlNodeGetContent (xmlDocGetRootElement (doc));
  g_assert_nonnull (strstr ((const char *) text, "<script>alert(\"x\")</script>"));
  g_assert_nonnull (strstr ((const char *) text, "<b>bold</b>"));
  g_assert_nonnull (strstr ((const char *) text, "שלום עולם"));
  xmlFree (text);
  xmlFreeDoc (doc);

  /* Self-contained: nothing to fetch. */
  g_assert_null (strstr (output, "<link"));
  g_assert_null (strstr (output, "url("));
  g_assert_null (strstr (output, "@import"));
  g_assert_nonnull (strstr (output, "prefers-color-scheme: dark"));
}

static const char *
get_string (JsonObject *object,
            const char *member)
{
  g_assert_true (json_object_has_member (object, member));
  return json_object_get_string_member (object, member);
}

static void
test_json_ld (ExportFixture *fixture,
              gconstpointer  data)
{
  g_autofree char *output = run_export (fixture, GLOSS_EXPORT_FORMAT_JSON,
                                        GLOSS_EXPORT_GROUP_BY_TAG, NULL, NULL, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root, *page;
  JsonArray *items;
  guint n_tags = 0, n_notes = 0;

  json_parser_load_from_data (parser, output, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (get_string (root, "@context"), ==, "http://www.w3.org/ns/anno.jsonld");
  g_assert_cmpstr (get_string (root, "type"), ==, "AnnotationCollection");
  g_assert_true (g_str_has_prefix (get_string (root, "id"), "urn:uuid:"));
  page = json_object_get_object_member (root, "first");
  g_assert_cmpstr (get_string (page, "type"), ==, "AnnotationPage");
  items = json_object_get_array_member (page, "items");
  /* Grouped by tag or not, an annotation appears once. */
  g_assert_cmpuint (json_array_get_length (items), ==, N_ANNOTATIONS);
  g_assert_cmpint (json_object_get_int_member (root, "total"), ==, N_ANNOTATIONS);

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *annotation = json_array_get_object_element (items, i);
      JsonObject *target = json_object_get_object_member (annotation, "target");
      JsonArray *selectors = json_object_get_array_member (target, "selector");
      JsonObject *quote = json_array_get_object_element (selectors, 0);
      JsonObject *position = json_array_get_object_element (selectors, 1);
      JsonArray *bodies;

      g_assert_cmpstr (get_string (annotation, "type"), ==, "Annotation");
      g_assert_true (g_str_has_prefix (get_string (annotation, "id"), "urn:"));
      g_assert_nonnull (get_string (annotation, "created"));
      g_assert_nonnull (get_string (annotation, "modified"));
      g_assert_true (g_str_has_prefix (get_string (target, "source"), "file:///"));
      g_assert_cmpstr (get_string (quote, "type"), ==, "TextQuoteSelector");
      g_assert_nonnull (get_string (quote, "exact"));
      g_assert_cmpstr (get_string (position, "type"), ==, "TextPositionSelector");
      g_assert_cmpint (json_object_get_int_member (position, "start"), <=,
                       json_object_get_int_member (position, "end"));

      if (!json_object_has_member (annotation, "body"))
        continue;
      bodies = json_object_get_array_member (annotation, "body");
      for (guint j = 0; j < json_array_get_length (bodies); j++)
        {
          JsonObject *body = json_array_get_object_element (bodies, j);
          const char *purpose = get_string (body, "purpose");

          g_assert_cmpstr (get_string (body, "type"), ==, "TextualBody");
          g_assert_nonnull (get_string (body, "value"));
          if (g_str_equal (purpose, "tagging"))
            n_tags++;
          else if (g_str_equal (purpose, "commenting"))
            n_notes++;
          else
            g_assert_not_reached ();
        }
    }
  g_assert_cmpuint (n_tags, ==, N_TAGS);
  g_assert_cmpuint (n_notes, ==, N_NOTES);
}

/* RFC 4180, as a spreadsheet reads it. */
static GPtrArray *
parse_csv (const char *data)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *row = NULL;
  const char *p = data;

  while (*p != '\0')
    {
      GString *field = g_string_new (NULL);

      if (row == NULL)
        row = g_ptr_array_new_with_free_func (g_free);
      if (*p == '"')
        {
          for (p++; !(*p == '"' && p[1] != '"'); p++)
            {
              g_assert_true (*p != '\0');
              if (*p == '"')
                p++;
              g_string_append_c (field, *p);
            }
          p++;
        }
      else
        {
          for (; *p != ',' && *p != '\r' && *p != '\0'; p++)
            {
              g_assert_true (*p != '"' && *p != '\n');
              g_string_append_c (field, *p);
            }
        }
      g_ptr_array_add (row, g_string_free (field, FALSE));

      if (*p == ',')
        p++;
      else
        {
          g_assert_true (p[0] == '\r' && p[1] == '\n');
          p += 2;
          g_ptr_array_add (rows, g_steal_pointer (&row));
        }
    }
  g_assert_null (row);

  return rows;
}

static void
test_csv_round_trip (ExportFixture *fixture,
                     gconstpointer  data)
{
  g_autofree char *output = run_export (fixture, GLOSS_EXPORT_FORMAT_CSV,
                                        GLOSS_EXPORT_GROUP_BY_ARTICLE, NULL, NULL, NULL);
  g_autoptr(GPtrArray) rows = parse_csv (output);
  GPtrArray *header = g_ptr_array_index (rows, 0);
  guint quote_col = 5, note_col = 7, id_col = 12;

  g_assert_cmpuint (rows->len, ==, N_ANNOTATIONS + 1);
  g_assert_cmpstr (g_ptr_array_index (header, quote_col), ==, "quote");
  g_assert_cmpstr (g_ptr_array_index (header, note_col), ==, "note");
  g_assert_cmpstr (g_ptr_array_index (header, id_col), ==, "id");

  for (guint i = 1; i < rows->len; i++)
    {
      GPtrArray *row = g_ptr_array_index (rows, i);
      GlossAnnotation *annotation;
      const char *note;

      g_assert_cmpuint (row->len, ==, header->len);
      annotation = export_fixture_lookup (fixture, g_ptr_array_index (row, id_col));
      g_assert_nonnull (annotation);
      note = gloss_annotation_get_note (annotation);
      /* A formula is defused with an apostrophe; everything else is as it was. */
      if (note[0] == '=')
        {
          g_assert_cmpint (((char *) g_ptr_array_index (row, note_col))[0], ==, '\'');
          g_assert_cmpstr ((char *) g_ptr_array_index (row, note_col) + 1, ==, note);
        }
      else
        g_assert_cmpstr (g_ptr_array_index (row, note_col), ==, note);
      if (gloss_annotation_is_attached (annotation))
        g_assert_cmpstr (g_ptr_array_index (row, quote_col), ==,
                         gloss_annotation_get_exact (annotation));
    }
}

static void
test_filters (ExportFixture *fixture,
              gconstpointer  data)
{
  const char *timeline[] = { "TIMELINE", NULL };
  const char *red_green[] = { "red", "green", NULL };
  const char *nothing[] = { "no such tag", NULL };
  g_autofree char *by_tag = NULL;
  g_autofree char *empty = NULL;
  char *out;
  guint n;

  /* Tags ignore case: "Timeline" and "timeline" are one tag, in two articles. */
  out = run_export (fixture, GLOSS_EXPORT_FORMAT_CSV, GLOSS_EXPORT_GROUP_BY_ARTICLE,
                    timeline, NULL, &n);
  g_assert_cmpuint (n, ==, 2);
  g_free (out);
  out = run_export (fixture, GLOSS_EXPORT_FORMAT_CSV, GLOSS_EXPORT_GROUP_BY_ARTICLE,
                    NULL, red_green, &n);
  g_assert_cmpuint (n, ==, 2);
  g_free (out);
  out = run_export (fixture, GLOSS_EXPORT_FORMAT_CSV, GLOSS_EXPORT_GROUP_BY_ARTICLE,
                    timeline, red_green, &n);
  g_assert_cmpuint (n, ==, 1);
  g_free (out);

  /* By tag with a tag filter: only that tag's heading, spelled as first seen. */
  by_tag = run_export (fixture, GLOSS_EXPORT_FORMAT_MARKDOWN, GLOSS_EXPORT_GROUP_BY_TAG,
                       timeline, NULL, &n);
  g_assert_nonnull (strstr (by_tag, "\n# Timeline\n"));
  g_assert_null (strstr (by_tag, "\n# official source\n"));
  g_assert_null (strstr (by_tag, "\n# Untagged\n"));

  empty = run_export (fixture, GLOSS_EXPORT_FORMAT_HTML, GLOSS_EXPORT_GROUP_BY_TAG,
                      nothing, NULL, &n);
  g_assert_cmpuint (n, ==, 0);
  g_assert_nonnull (strstr (empty, "No annotations."));
}

/* The window's sidebar exports exactly what it shows; one annotation copies as the export
 * writes it. */
static void
test_ids_and_one (ExportFixture *fixture,
                  gconstpointer  data)
{
  g_autoptr(GlossExport) export = gloss_export_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GlossAnnotation) first = NULL;
  g_autoptr(GString) one = g_string_new (NULL);
  const char *ids[2] = { NULL, NULL };
  guint n = 0;

  for (guint i = 0; i < fixture->articles->len; i++)
    gloss_export_add_source (export, g_ptr_array_index (fixture->articles, i),
                             g_ptr_array_index (fixture->sets, i));
  first = g_list_model_get_item (G_LIST_MODEL (g_ptr_array_index (fixture->sets, 0)), 0);
  ids[0] = gloss_annotation_get_id (first);
  gloss_export_set_ids (export, ids);
  bytes = gloss_export_run (export, &n);
  g_assert_cmpuint (n, ==, 1);

  /* an empty list exports nothing; NULL exports everything again */
  ids[0] = NULL;
  gloss_export_set_ids (export, ids);
  g_clear_pointer (&bytes, g_bytes_unref);
  bytes = gloss_export_run (export, &n);
  g_assert_cmpuint (n, ==, 0);
  gloss_export_set_ids (export, NULL);
  g_clear_pointer (&bytes, g_bytes_unref);
  bytes = gloss_export_run (export, &n);
  g_assert_cmpuint (n, ==, N_ANNOTATIONS);

  gloss_markdown_exporter_write_annotation (first, "# a quote\nover *two* lines", one);
  g_assert_true (g_str_has_prefix (one->str, "> \\# a quote\\\n> over \\*two\\* lines\n"));
}

static void
test_names (void)
{
  GlossExportFormat format;
  GlossExportGrouping grouping;

  g_assert_true (gloss_export_format_from_string ("markdown", &format));
  g_assert_cmpint (format, ==, GLOSS_EXPORT_FORMAT_MARKDOWN);
  g_assert_true (gloss_export_format_from_string ("md", &format));
  g_assert_true (gloss_export_format_from_string ("CSV", &format));
  g_assert_cmpint (format, ==, GLOSS_EXPORT_FORMAT_CSV);
  g_assert_false (gloss_export_format_from_string ("pdf", &format));
  g_assert_cmpstr (gloss_export_format_get_extension (GLOSS_EXPORT_FORMAT_HTML), ==, "html");
  g_assert_cmpstr (gloss_export_format_get_mime_type (GLOSS_EXPORT_FORMAT_JSON), ==,
                   "application/ld+json");
  g_assert_true (gloss_export_grouping_from_string ("tag", &grouping));
  g_assert_cmpint (grouping, ==, GLOSS_EXPORT_GROUP_BY_TAG);
  g_assert_false (gloss_export_grouping_from_string ("colour", &grouping));
}

/* No article at all still gives a well-formed file in every format. */
static void
test_no_sources (void)
{
  for (GlossExportFormat format = 0; format <= GLOSS_EXPORT_FORMAT_CSV; format++)
    {
      g_autoptr(GlossExport) export = gloss_export_new ();
      g_autoptr(GBytes) bytes = NULL;
      guint n = 1;

      gloss_export_set_format (export, format);
      bytes = gloss_export_run (export, &n);
      g_assert_cmpuint (n, ==, 0);
      g_assert_cmpuint (g_bytes_get_size (bytes), >, 0);
      g_assert_finalize_object (g_steal_pointer (&export));
    }
}

static void
test_name_uuid (void)
{
  g_autofree char *a = gloss_export_dup_name_uuid ("x");
  g_autofree char *b = gloss_export_dup_name_uuid ("x");
  g_autofree char *c = gloss_export_dup_name_uuid ("y");

  g_assert_true (g_uuid_string_is_valid (a));
  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (a, !=, c);
}

int
main (int    argc,
      char **argv)
{
  static const GoldenCase cases[] = {
    { GLOSS_EXPORT_FORMAT_MARKDOWN, GLOSS_EXPORT_GROUP_BY_ARTICLE },
    { GLOSS_EXPORT_FORMAT_MARKDOWN, GLOSS_EXPORT_GROUP_BY_TAG },
    { GLOSS_EXPORT_FORMAT_HTML, GLOSS_EXPORT_GROUP_BY_ARTICLE },
    { GLOSS_EXPORT_FORMAT_HTML, GLOSS_EXPORT_GROUP_BY_TAG },
    { GLOSS_EXPORT_FORMAT_JSON, GLOSS_EXPORT_GROUP_BY_ARTICLE },
    { GLOSS_EXPORT_FORMAT_CSV, GLOSS_EXPORT_GROUP_BY_ARTICLE },
    { GLOSS_EXPORT_FORMAT_CSV, GLOSS_EXPORT_GROUP_BY_TAG },
  };

  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path =
        g_strdup_printf ("/gloss/export/golden/%s/by-%s",
                         gloss_export_format_to_string (cases[i].format),
                         gloss_export_grouping_to_string (cases[i].grouping));

      g_test_add (path, ExportFixture, &cases[i], export_fixture_set_up, test_golden,
                  export_fixture_tear_down);
    }
  g_test_add ("/gloss/export/markdown/escapes", ExportFixture, NULL, export_fixture_set_up,
              test_markdown_escapes, export_fixture_tear_down);
  g_test_add ("/gloss/export/html/valid", ExportFixture, NULL, export_fixture_set_up,
              test_html_valid, export_fixture_tear_down);
  g_test_add ("/gloss/export/json/structure", ExportFixture, NULL, export_fixture_set_up,
              test_json_ld, export_fixture_tear_down);
  g_test_add ("/gloss/export/csv/round-trip", ExportFixture, NULL, export_fixture_set_up,
              test_csv_round_trip, export_fixture_tear_down);
  g_test_add ("/gloss/export/filters", ExportFixture, NULL, export_fixture_set_up,
              test_filters, export_fixture_tear_down);
  g_test_add ("/gloss/export/ids-and-one", ExportFixture, NULL, export_fixture_set_up,
              test_ids_and_one, export_fixture_tear_down);
  g_test_add_func ("/gloss/export/names", test_names);
  g_test_add_func ("/gloss/export/no-sources", test_no_sources);
  g_test_add_func ("/gloss/export/name-uuid", test_name_uuid);

  return g_test_run ();
}
