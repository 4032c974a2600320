/* test-w3c-importer.c: W3C Web Annotations read back onto an article
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "export/export-fixture.h"
#include "gloss-w3c-importer.h"

static char *
export_json (ExportFixture *fixture,
             guint          only)
{
  g_autoptr(GlossExport) export = gloss_export_new ();
  g_autoptr(GBytes) bytes = NULL;

  gloss_export_add_source (export, g_ptr_array_index (fixture->articles, only),
                           g_ptr_array_index (fixture->sets, only));
  gloss_export_set_format (export, GLOSS_EXPORT_FORMAT_JSON);
  bytes = gloss_export_run (export, NULL);

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static GPtrArray *
parse (GlossArticle *article,
       const char   *json,
       guint        *n_skipped)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *annotations;

  annotations = gloss_w3c_importer_parse (article, json, strlen (json), n_skipped, &error);
  g_assert_no_error (error);
  g_assert_nonnull (annotations);

  return annotations;
}

static void
assert_same (GlossAnnotation *imported,
             GlossAnnotation *original)
{
  g_assert_cmpstr (gloss_annotation_get_id (imported), ==, gloss_annotation_get_id (original));
  g_assert_cmpstr (gloss_annotation_get_exact (imported), ==,
                   gloss_annotation_get_exact (original));
  g_assert_cmpstr (gloss_annotation_get_color (imported), ==,
                   gloss_annotation_get_color (original));
  g_assert_true (g_strv_equal (gloss_annotation_get_tags (imported),
                               gloss_annotation_get_tags (original)));
  g_assert_cmpstr (gloss_annotation_get_note (imported), ==,
                   gloss_annotation_get_note (original));
  g_assert_cmpstr (gloss_annotation_get_created (imported), ==,
                   gloss_annotation_get_created (original));
  g_assert_cmpstr (gloss_annotation_get_modified (imported), ==,
                   gloss_annotation_get_modified (original));
  g_assert_cmpint (gloss_annotation_get_anchor_state (imported), ==,
                   gloss_annotation_get_anchor_state (original));
}

/* Export, import onto the same article: every annotation comes back as it was. */
static void
test_round_trip (ExportFixture *fixture,
                 gconstpointer  data)
{
  GlossArticle *article = g_ptr_array_index (fixture->articles, 0);
  GlossAnnotationSet *set = g_ptr_array_index (fixture->sets, 0);
  g_autofree char *json = export_json (fixture, 0);
  g_autoptr(GPtrArray) annotations = parse (article, json, NULL);

  g_assert_cmpuint (annotations->len, ==, g_list_model_get_n_items (G_LIST_MODEL (set)));
  for (guint i = 0; i < annotations->len; i++)
    {
      GlossAnnotation *imported = g_ptr_array_index (annotations, i);
      GlossAnnotation *original = gloss_annotation_set_lookup (set,
                                                               gloss_annotation_get_id (imported));

      g_assert_nonnull (original);
      assert_same (imported, original);
      if (gloss_annotation_is_attached (original))
        {
          g_assert_cmpuint (gloss_annotation_get_start (imported), ==,
                            gloss_annotation_get_start (original));
          g_assert_cmpuint (gloss_annotation_get_end (imported), ==,
                            gloss_annotation_get_end (original));
          g_assert_cmpint (gloss_annotation_get_anchor_state (imported), ==,
                           GLOSS_ANCHOR_STATE_EXACT);
        }
    }
}

/* Onto a copy that was edited: the passages are found where they moved to. */
static void
test_changed_copy (ExportFixture *fixture,
                   gconstpointer  data)
{
  g_autofree char *json = export_json (fixture, 0);
  g_autofree char *changed = g_strconcat ("An editor's note added at the top.\n\n", hostile_text,
                                          NULL);
  g_autoptr(GlossArticle) copy = export_fixture_write_article (fixture, "copy.txt", changed);
  g_autoptr(GPtrArray) annotations = parse (copy, json, NULL);
  guint moved = 0, orphaned = 0;

  for (guint i = 0; i < annotations->len; i++)
    {
      GlossAnnotation *annotation = g_ptr_array_index (annotations, i);
      GlossAnchorState state = gloss_annotation_get_anchor_state (annotation);

      if (state == GLOSS_ANCHOR_STATE_MOVED)
        {
          const char *text = gloss_article_get_text (copy);
          const char *at = g_utf8_offset_to_pointer (text, gloss_annotation_get_start (annotation));

          g_assert_true (g_str_has_prefix (at, gloss_annotation_get_exact (annotation)));
          moved++;
        }
      else if (state == GLOSS_ANCHOR_STATE_ORPHANED)
        orphaned++;
    }
  g_assert_cmpuint (moved, ==, 4);
  g_assert_cmpuint (orphaned, ==, 1);
}

/* Into the sidecar's set: twice adds nothing; a newer edit updates; a deletion holds. */
static void
test_merge (ExportFixture *fixture,
            gconstpointer  data)
{
  GlossArticle *article = g_ptr_array_index (fixture->articles, 0);
  g_autofree char *json = export_json (fixture, 0);
  g_autoptr(GlossAnnotationSet) set = gloss_annotation_set_new_for_article (article);
  g_autoptr(GPtrArray) first = parse (article, json, NULL);
  g_autoptr(GPtrArray) second = parse (article, json, NULL);
  g_autoptr(GPtrArray) third = NULL;
  g_autoptr(GString) edited = g_string_new (json);
  GlossW3cImportCounts counts;
  GlossAnnotation *a1;

  gloss_w3c_importer_merge (set, first, &counts);
  g_assert_cmpuint (counts.added, ==, 5);
  gloss_w3c_importer_merge (set, second, &counts);
  g_assert_cmpuint (counts.added, ==, 0);
  g_assert_cmpuint (counts.updated, ==, 0);
  g_assert_cmpuint (counts.unchanged, ==, 5);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (set)), ==, 5);

  /* Edited elsewhere later: the newer note wins. */
  g_string_replace (edited, "Check the press release.", "Checked.", 1);
  g_string_replace (edited, "\"modified\" : \"2026-01-02T11:30:00Z\"",
                    "\"modified\" : \"2026-03-01T00:00:00Z\"", 1);
  third = parse (article, edited->str, NULL);
  gloss_w3c_importer_merge (set, third, &counts);
  g_assert_cmpuint (counts.updated, ==, 1);
  a1 = gloss_annotation_set_lookup (set, "a1");
  g_assert_cmpstr (gloss_annotation_get_note (a1), ==, "Outlet B says Monday.\nChecked.");

  /* Deleted after it was last modified: importing does not bring it back. */
  g_assert_true (gloss_annotation_set_remove (set, gloss_annotation_set_lookup (set, "a2")));
  gloss_w3c_importer_merge (set, second, &counts);
  g_assert_null (gloss_annotation_set_lookup (set, "a2"));
  g_assert_cmpuint (counts.added, ==, 0);
}

/* What other tools write: a bare annotation, a list, a target list, no id, bodyValue. */
static void
test_other_shapes (ExportFixture *fixture,
                   gconstpointer  data)
{
  GlossArticle *article = g_ptr_array_index (fixture->articles, 1);
  const char *single =
    "{ \"@context\": \"http://www.w3.org/ns/anno.jsonld\", \"type\": \"Annotation\","
    "  \"id\": \"https://hypothes.is/a/abc\", \"bodyValue\": \"A comment\","
    "  \"target\": { \"source\": \"https://example.com/b\", \"selector\": {"
    "    \"type\": \"TextQuoteSelector\", \"exact\": \"about the Council\" } } }";
  const char *list =
    "[ { \"type\": [\"Annotation\"], \"created\": \"2026-05-01T12:00:00+02:00\","
    "    \"body\": { \"type\": \"TextualBody\", \"purpose\": \"tagging\", \"value\": \"x\" },"
    "    \"target\": [ \"https://example.com/b\", { \"selector\": ["
    "      { \"type\": \"TextPositionSelector\", \"start\": 0, \"end\": 5 } ] } ] },"
    "  { \"type\": \"Annotation\", \"target\": \"https://example.com/whole-page\" } ]";
  g_autoptr(GPtrArray) annotations = NULL;
  g_autoptr(GPtrArray) again = NULL;
  GlossAnnotation *annotation;
  guint skipped = 0;

  annotations = parse (article, single, &skipped);
  g_assert_cmpuint (annotations->len, ==, 1);
  g_assert_cmpuint (skipped, ==, 0);
  annotation = g_ptr_array_index (annotations, 0);
  g_assert_cmpstr (gloss_annotation_get_id (annotation), ==, "https://hypothes.is/a/abc");
  g_assert_cmpstr (gloss_annotation_get_note (annotation), ==, "A comment");
  g_assert_cmpstr (gloss_annotation_get_color (annotation), ==, "yellow");
  g_assert_true (gloss_annotation_is_attached (annotation));
  g_clear_pointer (&annotations, g_ptr_array_unref);

  annotations = parse (article, list, &skipped);
  again = parse (article, list, NULL);
  g_assert_cmpuint (annotations->len, ==, 1);
  g_assert_cmpuint (skipped, ==, 1);
  annotation = g_ptr_array_index (annotations, 0);
  g_assert_cmpstr (gloss_annotation_get_exact (annotation), ==, "Plain");
  g_assert_cmpstr (gloss_annotation_get_tags (annotation)[0], ==, "x");
  g_assert_cmpstr (gloss_annotation_get_created (annotation), ==, "2026-05-01T10:00:00Z");
  /* No id: one derived from the content, the same each time. */
  g_assert_cmpstr (gloss_annotation_get_id (annotation), ==,
                   gloss_annotation_get_id (g_ptr_array_index (again, 0)));
}

/* A collection of two articles gives each its own annotations only. */
static void
test_sources (ExportFixture *fixture,
              gconstpointer  data)
{
  g_autoptr(GlossExport) export = export_fixture_new_export (fixture);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) annotations = NULL;
  g_autoptr(GlossArticle) other = NULL;
  g_autoptr(GError) error = NULL;
  const char *json;
  gsize len;

  gloss_export_set_format (export, GLOSS_EXPORT_FORMAT_JSON);
  bytes = gloss_export_run (export, NULL);
  json = g_bytes_get_data (bytes, &len);

  annotations = gloss_w3c_importer_parse (g_ptr_array_index (fixture->articles, 1), json, len,
                                          NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (annotations->len, ==, 2);

  other = export_fixture_write_article (fixture, "other.txt", "Something else.");
  g_assert_null (gloss_w3c_importer_parse (other, json, len, NULL, &error));
  g_assert_error (error, GLOSS_W3C_IMPORTER_ERROR, GLOSS_W3C_IMPORTER_ERROR_OTHER_SOURCE);
}

static void
test_invalid (ExportFixture *fixture,
              gconstpointer  data)
{
  GlossArticle *article = g_ptr_array_index (fixture->articles, 1);
  const char *bad[] = {
    "", "not json", "{}", "{ \"type\": \"AnnotationCollection\", \"first\": \"p1\" }",
    "{ \"type\": \"Annotation\", \"target\": \"https://example.com/\" }", "\"\\ud800\"", "42",
  };
  g_autofree char *deep = g_strnfill (100000, '[');

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_null (gloss_w3c_importer_parse (article, bad[i], strlen (bad[i]), NULL, &error));
      g_assert_error (error, GLOSS_W3C_IMPORTER_ERROR, GLOSS_W3C_IMPORTER_ERROR_INVALID);
    }

  {
    g_autoptr(GError) error = NULL;

    g_assert_null (gloss_w3c_importer_parse (article, deep, strlen (deep), NULL, &error));
    g_assert_error (error, GLOSS_W3C_IMPORTER_ERROR, GLOSS_W3C_IMPORTER_ERROR_INVALID);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/gloss/w3c-importer/round-trip", ExportFixture, NULL, export_fixture_set_up,
              test_round_trip, export_fixture_tear_down);
  g_test_add ("/gloss/w3c-importer/changed-copy", ExportFixture, NULL, export_fixture_set_up,
              test_changed_copy, export_fixture_tear_down);
  g_test_add ("/gloss/w3c-importer/merge", ExportFixture, NULL, export_fixture_set_up,
              test_merge, export_fixture_tear_down);
  g_test_add ("/gloss/w3c-importer/other-shapes", ExportFixture, NULL, export_fixture_set_up,
              test_other_shapes, export_fixture_tear_down);
  g_test_add ("/gloss/w3c-importer/sources", ExportFixture, NULL, export_fixture_set_up,
              test_sources, export_fixture_tear_down);
  g_test_add ("/gloss/w3c-importer/invalid", ExportFixture, NULL, export_fixture_set_up,
              test_invalid, export_fixture_tear_down);

  return g_test_run ();
}
