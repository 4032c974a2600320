/* gloss-w3c-importer.c: W3C Web Annotations (JSON-LD) read back onto an article
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads what gloss-w3c-exporter.c writes, and what other tools write in the same model
 * (Hypothesis-style): an AnnotationCollection (its embedded first page, or "items"), an
 * AnnotationPage, one Annotation, or a JSON array of them. Each annotation is found in the
 * article with the anchorer, from its TextQuoteSelector and TextPositionSelector, exactly as
 * annotations of a sidecar are when the article changed; what is not found is kept as
 * orphaned, never dropped. Ids are kept (urn:uuid:X becomes X) so that importing the same
 * file twice adds nothing; an annotation without an id gets one derived from its content.
 *
 * JSON-LD is read as plain JSON in the compacted form of the W3C context: no context is
 * fetched or expanded.
 */

#define G_LOG_DOMAIN "gloss-import"

#include "config.h"

#include "gloss-w3c-importer.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "gloss-anchor.h"
#include "gloss-export.h"
#include "gloss-sidecar.h"

/* json-glib's parser recurses once per level; deep nesting would exhaust the stack. */
#define MAX_DEPTH 64

/* One annotation as read, before anchoring. */
typedef struct
{
  char     *id;
  char     *source;
  char     *exact;
  char     *prefix;
  char     *suffix;
  guint     start;
  guint     end;
  gboolean  has_position;
  char     *color;
  GPtrArray *tags;
  char     *note;
  char     *created;
  char     *modified;
} W3cAnnotation;

G_DEFINE_QUARK (gloss-w3c-importer-error-quark, gloss_w3c_importer_error)

static void
w3c_annotation_free (gpointer data)
{
  W3cAnnotation *w3c = data;

  g_free (w3c->id);
  g_free (w3c->source);
  g_free (w3c->exact);
  g_free (w3c->prefix);
  g_free (w3c->suffix);
  g_free (w3c->color);
  g_ptr_array_unref (w3c->tags);
  g_free (w3c->note);
  g_free (w3c->created);
  g_free (w3c->modified);
  g_free (w3c);
}

/* The nesting depth, outside strings; json-glib's scanner also takes 'strings' and comments. */
static gboolean
check_depth (const char *data,
             gsize       len)
{
  guint depth = 0;

  for (gsize i = 0; i < len; i++)
    {
      char c = data[i];

      if (c == '"' || c == '\'')
        {
          for (i++; i < len && data[i] != c; i++)
            if (data[i] == '\\' && c == '"')
              i++;
        }
      else if (c == '/' && i + 1 < len && data[i + 1] == '*')
        {
          for (i += 2; i + 1 < len && !(data[i] == '*' && data[i + 1] == '/'); i++)
            ;
          i++;
        }
      else if ((c == '[' || c == '{') && ++depth > MAX_DEPTH)
        return FALSE;
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }

  return TRUE;
}

/* A string member as valid UTF-8 (json-glib lets a lone "\ud800" through), or NULL. */
static char *
dup_string (JsonObject *object,
            const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return g_utf8_make_valid (json_node_get_string (node), -1);
}

/* "type" is a string or a list of strings in JSON-LD. */
static gboolean
has_type (JsonObject *object,
          const char *type)
{
  JsonNode *node = json_object_get_member (object, "type");

  if (node == NULL)
    return FALSE;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return g_str_equal (json_node_get_string (node), type);
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (element) &&
              json_node_get_value_type (element) == G_TYPE_STRING &&
              g_str_equal (json_node_get_string (element), type))
            return TRUE;
        }
    }

  return FALSE;
}

/* Members that may hold one value or a list: calls @func on each object among them. */
static void
foreach_object (JsonObject *object,
                const char *member,
                void      (*func) (JsonObject *element, gpointer user_data),
                gpointer    user_data)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL)
    return;
  if (JSON_NODE_HOLDS_OBJECT (node))
    func (json_node_get_object (node), user_data);
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        if (JSON_NODE_HOLDS_OBJECT (json_array_get_element (array, i)))
          func (json_array_get_object_element (array, i), user_data);
    }
}

static gboolean
read_offset (JsonObject *object,
             const char *member,
             guint      *out)
{
  JsonNode *node = json_object_get_member (object, member);
  gint64 value;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;

  value = json_node_get_int (node);
  if (value < 0 || value > G_MAXINT32)
    return FALSE;

  *out = value;
  return TRUE;
}

static void
read_selector (JsonObject *selector,
               gpointer    user_data)
{
  W3cAnnotation *w3c = user_data;

  if (has_type (selector, "TextQuoteSelector") && w3c->exact == NULL)
    {
      /* Without "exact" it is no quote: its prefix and suffix are not taken either (a later
       * selector's would leak them). */
      w3c->exact = dup_string (selector, "exact");
      if (w3c->exact != NULL)
        {
          w3c->prefix = dup_string (selector, "prefix");
          w3c->suffix = dup_string (selector, "suffix");
        }
    }
  else if (has_type (selector, "TextPositionSelector") && !w3c->has_position)
    {
      guint start, end;

      if (read_offset (selector, "start", &start) && read_offset (selector, "end", &end) &&
          start <= end)
        {
          w3c->start = start;
          w3c->end = end;
          w3c->has_position = TRUE;
        }
    }
}

/* The first target with a text selector; a target may be a list. */
static void
read_target (JsonObject *target,
             gpointer    user_data)
{
  W3cAnnotation *w3c = user_data;
  g_autofree char *color = NULL;

  if (w3c->exact != NULL || w3c->has_position)
    return;

  foreach_object (target, "selector", read_selector, w3c);
  if (w3c->exact == NULL && !w3c->has_position)
    return;

  w3c->source = dup_string (target, "source");
  color = dup_string (target, "styleClass");
  if (color != NULL && gloss_annotation_color_is_valid (color))
    w3c->color = g_steal_pointer (&color);
}

static void
read_body (JsonObject *body,
           gpointer    user_data)
{
  W3cAnnotation *w3c = user_data;
  g_autofree char *purpose = dup_string (body, "purpose");
  g_autofree char *value = dup_string (body, "value");

  if (value == NULL || (!has_type (body, "TextualBody") && json_object_has_member (body, "type")))
    return;

  if (g_strcmp0 (purpose, "tagging") == 0)
    g_ptr_array_add (w3c->tags, g_steal_pointer (&value));
  else if (w3c->note == NULL)
    w3c->note = g_steal_pointer (&value);
  else
    {
      /* Several comments: one note, in their order. */
      char *joined = g_strconcat (w3c->note, "\n\n", value, NULL);

      g_free (w3c->note);
      w3c->note = joined;
    }
}

/* An ISO 8601 time as Gloss writes it, or NULL when missing or not a time. */
static char *
dup_time (JsonObject *object,
          const char *member)
{
  g_autofree char *time = dup_string (object, member);

  return time != NULL ? gloss_annotation_normalize_time (time) : NULL;
}

/* A Gloss id from the annotation's IRI; see dup_annotation_iri() in the exporter. */
static char *
dup_gloss_id (JsonObject *object,
              JsonNode   *node)
{
  g_autofree char *iri = dup_string (object, "id");
  g_autofree char *serialized = NULL;

  if (iri != NULL && iri[0] != '\0')
    {
      if (g_str_has_prefix (iri, "urn:uuid:") && g_uuid_string_is_valid (iri + 9))
        return g_ascii_strdown (iri + 9, -1);
      if (g_str_has_prefix (iri, "urn:x-gloss:"))
        {
          char *id = g_uri_unescape_string (iri + 12, NULL);

          if (id != NULL && id[0] != '\0' && g_utf8_validate (id, -1, NULL))
            return id;
          g_free (id);
        }
      return g_steal_pointer (&iri);
    }

  serialized = json_to_string (node, FALSE);
  return gloss_export_dup_name_uuid (serialized);
}

static W3cAnnotation *
read_annotation (JsonNode *node)
{
  JsonObject *object;
  W3cAnnotation *w3c;
  char *body_value;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  object = json_node_get_object (node);
  if (!has_type (object, "Annotation") && !json_object_has_member (object, "target"))
    return NULL;

  w3c = g_new0 (W3cAnnotation, 1);
  w3c->tags = g_ptr_array_new_with_free_func (g_free);
  foreach_object (object, "target", read_target, w3c);
  if (w3c->exact == NULL && !w3c->has_position)
    {
      w3c_annotation_free (w3c);
      return NULL;
    }

  w3c->id = dup_gloss_id (object, node);
  foreach_object (object, "body", read_body, w3c);
  body_value = dup_string (object, "bodyValue");
  if (body_value != NULL && w3c->note == NULL)
    w3c->note = body_value;
  else
    g_free (body_value);

  g_ptr_array_add (w3c->tags, NULL);
  w3c->created = dup_time (object, "created");
  w3c->modified = dup_time (object, "modified");

  return w3c;
}

/* The annotation nodes of the document, or NULL when it holds none of the model's shapes. */
static JsonArray *
find_items (JsonNode *root)
{
  JsonObject *object;
  JsonNode *node;

  if (JSON_NODE_HOLDS_ARRAY (root))
    return json_node_get_array (root);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return NULL;

  object = json_node_get_object (root);
  node = json_object_get_member (object, "items");
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    return json_node_get_array (node);

  node = json_object_get_member (object, "first");
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    return find_items (node);

  return NULL;
}

/* Whether @source (a URI or path) names @article's file, by URI or by file name. */
static gboolean
source_is_article (const char   *source,
                   GlossArticle *article,
                   const char   *uri,
                   const char   *name)
{
  g_autofree char *base = NULL;
  const char *slash;

  if (source == NULL)
    return FALSE;
  if (g_str_equal (source, uri))
    return TRUE;
  if (name == NULL)
    return FALSE;

  slash = strrchr (source, '/');
  base = g_uri_unescape_string (slash != NULL ? slash + 1 : source, NULL);

  return base != NULL && g_str_equal (base, name);
}

/* A collection of several articles' annotations: only those of @article are imported. Of
 * one article (or of no stated one), all of them: that moves them to a copy. */
static gboolean
keep_own_sources (GPtrArray     *read,
                  GlossArticle  *article,
                  GError       **error)
{
  g_autoptr(GHashTable) sources = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *uri = gloss_export_dup_source_uri (article);
  g_autofree char *name = NULL;
  guint kept = 0;

  for (guint i = 0; i < read->len; i++)
    {
      W3cAnnotation *w3c = g_ptr_array_index (read, i);

      if (w3c->source != NULL)
        g_hash_table_add (sources, w3c->source);
    }
  if (g_hash_table_size (sources) <= 1)
    return TRUE;

  if (gloss_article_get_file (article) != NULL)
    name = g_file_get_basename (gloss_article_get_file (article));

  for (guint i = 0; i < read->len; i++)
    {
      W3cAnnotation *w3c = g_ptr_array_index (read, i);

      if (source_is_article (w3c->source, article, uri, name))
        read->pdata[kept++] = w3c;
      else
        w3c_annotation_free (w3c);
    }
  g_ptr_array_set_free_func (read, NULL);
  g_ptr_array_set_size (read, kept);
  g_ptr_array_set_free_func (read, w3c_annotation_free);

  if (kept == 0)
    {
      g_set_error (error, GLOSS_W3C_IMPORTER_ERROR, GLOSS_W3C_IMPORTER_ERROR_OTHER_SOURCE,
                   "the annotations are for %u other articles, none of them this one",
                   g_hash_table_size (sources));
      return FALSE;
    }

  return TRUE;
}

/* An annotation of @article from what was read and where the anchorer found it. */
static GlossAnnotation *
make_annotation (GlossArticle            *article,
                 W3cAnnotation           *w3c,
                 const GlossAnchorResult *result)
{
  const char *text = gloss_article_get_text (article);
  guint length = gloss_article_get_length (article);
  GlossAnnotation *annotation;
  GlossAnchorState state = (GlossAnchorState) result->match;

  if (gloss_anchor_match_is_attached (result->match))
    {
      annotation = gloss_annotation_new_full (w3c->id, result->start, result->end, NULL, NULL,
                                              NULL, w3c->created,
                                              w3c->modified ? w3c->modified : w3c->created);
      gloss_annotation_set_target_from_text (annotation, text, result->start, result->end);
    }
  else
    {
      /* Kept as it was, inside the text: the anchorer will look for it again next time. */
      guint end = MIN (w3c->end, length);
      guint start = MIN (w3c->start, end);

      annotation = gloss_annotation_new_full (w3c->id, start, end, w3c->exact, w3c->prefix,
                                              w3c->suffix, w3c->created,
                                              w3c->modified ? w3c->modified : w3c->created);
    }

  gloss_annotation_restore (annotation, w3c->color, (const char * const *) w3c->tags->pdata,
                            w3c->note);
  gloss_annotation_set_anchor (annotation, state, result->start, result->end);

  return annotation;
}

/**
 * gloss_w3c_importer_parse:
 * @article: the article to put the annotations on
 * @data: (array length=len): the JSON-LD
 * @n_skipped: (out) (optional): annotations without a text selector (of a whole page, an
 *   image…), which cannot be imported
 *
 * Reads W3C Web Annotations and finds each in @article's text. A collection of several
 * articles' annotations gives only those whose target source is @article's file (by URI
 * or file name); one of a single article gives all, so that annotations move to a copy.
 *
 * Returns: (transfer full) (element-type GlossAnnotation): the annotations, their anchor
 *   states set (orphaned ones too), or %NULL with a %GLOSS_W3C_IMPORTER_ERROR
 */
GPtrArray *
gloss_w3c_importer_parse (GlossArticle  *article,
                          const char    *data,
                          gsize          len,
                          guint         *n_skipped,
                          GError       **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) json_error = NULL;
  g_autoptr(GPtrArray) read = NULL;
  g_autoptr(GHashTable) ids = NULL;
  g_autoptr(GlossAnchorer) anchorer = NULL;
  g_autofree GlossAnchorTarget *targets = NULL;
  g_autofree GlossAnchorResult *results = NULL;
  GPtrArray *annotations;
  JsonNode *root;
  JsonArray *items;
  guint skipped = 0, n_items;

  g_return_val_if_fail (GLOSS_IS_ARTICLE (article), NULL);
  g_return_val_if_fail (data != NULL || len == 0, NULL);

  if (len > GLOSS_SIDECAR_MAX_SIZE)
    {
      g_set_error_literal (error, GLOSS_W3C_IMPORTER_ERROR, GLOSS_W3C_IMPORTER_ERROR_INVALID,
                           "too large");
      return NULL;
    }
  if (!g_utf8_validate_len (data, len, NULL))
    {
      g_set_error_literal (error, GLOSS_W3C_IMPORTER_ERROR, GLOSS_W3C_IMPORTER_ERROR_INVALID,
                           "not UTF-8");
      return NULL;
    }
  if (!check_depth (data, len))
    {
      g_set_error (error, GLOSS_W3C_IMPORTER_ERROR, GLOSS_W3C_IMPORTER_ERROR_INVALID,
                   "nested more than %u levels deep", MAX_DEPTH);
      return NULL;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, len > 0 ? data : "", len, &json_error))
    {
      const char *problem = json_error->message;
      g_autofree char *message = NULL;

      if (g_str_has_prefix (problem, "<data>:"))
        problem += strlen ("<data>:");
      message = g_utf8_make_valid (problem, -1);

      g_set_error (error, GLOSS_W3C_IMPORTER_ERROR, GLOSS_W3C_IMPORTER_ERROR_INVALID,
                   "not valid JSON (%s)", message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  items = root != NULL ? find_items (root) : NULL;
  read = g_ptr_array_new_with_free_func (w3c_annotation_free);
  ids = g_hash_table_new (g_str_hash, g_str_equal);
  n_items = items != NULL ? json_array_get_length (items) : 1;

  for (guint i = 0; root != NULL && i < n_items; i++)
    {
      JsonNode *node = items != NULL ? json_array_get_element (items, i) : root;
      W3cAnnotation *w3c = read_annotation (node);

      if (w3c == NULL)
        skipped++;
      else if (g_hash_table_contains (ids, w3c->id))
        w3c_annotation_free (w3c);  /* the first of an id wins, as in a sidecar */
      else
        {
          g_hash_table_add (ids, w3c->id);
          g_ptr_array_add (read, w3c);
        }
    }

  if (read->len == 0 && (items == NULL || skipped > 0))
    {
      g_set_error_literal (error, GLOSS_W3C_IMPORTER_ERROR, GLOSS_W3C_IMPORTER_ERROR_INVALID,
                           "has no W3C Web Annotation of a text passage");
      return NULL;
    }
  if (!keep_own_sources (read, article, error))
    return NULL;

  anchorer = gloss_anchorer_new (gloss_article_get_text (article),
                                 gloss_article_get_text_size (article));
  targets = g_new0 (GlossAnchorTarget, MAX (read->len, 1));
  results = g_new0 (GlossAnchorResult, MAX (read->len, 1));
  for (guint i = 0; i < read->len; i++)
    {
      W3cAnnotation *w3c = g_ptr_array_index (read, i);

      /* Without a quote, the position alone says where, in this text. */
      if (w3c->exact == NULL)
        {
          g_autoptr(GlossAnnotation) probe = gloss_annotation_new ("", 0, 0);

          if (!gloss_annotation_set_target_from_text (probe, gloss_article_get_text (article),
                                                      w3c->start, w3c->end))
            w3c->start = w3c->end = 0;
          w3c->exact = g_strdup (gloss_annotation_get_exact (probe));
          w3c->prefix = g_strdup (gloss_annotation_get_prefix (probe));
          w3c->suffix = g_strdup (gloss_annotation_get_suffix (probe));
        }
      targets[i] = (GlossAnchorTarget) {
        w3c->exact, w3c->prefix, w3c->suffix,
        w3c->has_position ? w3c->start : 0, w3c->has_position ? w3c->end : 0,
      };
    }
  gloss_anchorer_resolve_all (anchorer, targets, read->len, results);

  annotations = g_ptr_array_new_full (read->len, g_object_unref);
  for (guint i = 0; i < read->len; i++)
    g_ptr_array_add (annotations, make_annotation (article, g_ptr_array_index (read, i),
                                                   &results[i]));

  if (n_skipped != NULL)
    *n_skipped = skipped;

  return annotations;
}

static gboolean
same_content (GlossAnnotation *a,
              GlossAnnotation *b)
{
  return g_str_equal (gloss_annotation_get_color (a), gloss_annotation_get_color (b)) &&
         g_str_equal (gloss_annotation_get_note (a), gloss_annotation_get_note (b)) &&
         g_strv_equal (gloss_annotation_get_tags (a), gloss_annotation_get_tags (b));
}

/**
 * gloss_w3c_importer_merge:
 * @set: the article's annotations, loaded
 * @annotations: (element-type GlossAnnotation): from gloss_w3c_importer_parse()
 * @counts: (out) (optional): what was done
 *
 * Adds the imported annotations to @set as the sidecar merge does: by id, the later
 * `modified` wins; one deleted in @set after it was last modified stays deleted. Importing
 * the same annotations again changes nothing. Save @set to write them.
 */
void
gloss_w3c_importer_merge (GlossAnnotationSet   *set,
                          GPtrArray            *annotations,
                          GlossW3cImportCounts *counts)
{
  GlossW3cImportCounts local = { 0, };

  g_return_if_fail (GLOSS_IS_ANNOTATION_SET (set));
  g_return_if_fail (annotations != NULL);

  for (guint i = 0; i < annotations->len; i++)
    {
      GlossAnnotation *imported = g_ptr_array_index (annotations, i);
      const char *id = gloss_annotation_get_id (imported);
      const char *modified = gloss_annotation_get_modified (imported);
      GlossAnnotation *existing = gloss_annotation_set_lookup (set, id);
      const char *deleted = gloss_annotation_set_get_deletion_time (set, id);

      if (existing != NULL)
        {
          if (strcmp (modified, gloss_annotation_get_modified (existing)) > 0 &&
              !same_content (existing, imported))
            {
              gloss_annotation_update_from (existing, imported);
              gloss_annotation_set_update (set, existing);
              local.updated++;
            }
          else
            local.unchanged++;
        }
      else if (deleted != NULL && strcmp (deleted, modified) >= 0)
        local.unchanged++;
      else if (gloss_annotation_set_add (set, imported))
        local.added++;
    }

  if (counts != NULL)
    *counts = local;
}
