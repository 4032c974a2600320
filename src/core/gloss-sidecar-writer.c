/* gloss-sidecar-writer.c: writing an ARTICLE.annotations.json file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Ours, not json-glib's generator, for a stable, diff-friendly layout: keys in a fixed order,
 * annotations by position, "key": value, two spaces, one trailing newline. The format is
 * specified in docs/annotation-format.md. No state: any thread may call this.
 */

#define G_LOG_DOMAIN "gloss-sidecar"

#include "config.h"

#include "gloss-sidecar.h"

#include <math.h>
#include <string.h>

static void
write_indent (GString *out,
              guint    level)
{
  for (guint i = 0; i < level; i++)
    g_string_append (out, "  ");
}

static void
write_string (GString    *out,
              const char *s)
{
  g_autofree char *valid = NULL;

  /* Never write a file that we would refuse to read. */
  if (!g_utf8_validate (s, -1, NULL))
    s = valid = g_utf8_make_valid (s, -1);

  g_string_append_c (out, '"');
  for (const char *p = s; *p != '\0'; p++)
    {
      guchar c = *p;

      switch (c)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        case '\b':
          g_string_append (out, "\\b");
          break;
        case '\f':
          g_string_append (out, "\\f");
          break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, c);
        }
    }
  g_string_append_c (out, '"');
}

static void
write_key (GString    *out,
           guint       level,
           const char *key)
{
  write_indent (out, level);
  write_string (out, key);
  g_string_append (out, ": ");
}

static void write_node (GString  *out,
                        JsonNode *node,
                        guint     level);

static void
write_members (GString    *out,
               JsonObject *object,
               guint       level,
               gboolean    first)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    {
      g_string_append (out, first ? "\n" : ",\n");
      first = FALSE;
      write_key (out, level, l->data);
      write_node (out, json_object_get_member (object, l->data), level);
    }
}

/* Writes any JSON value (unknown members of newer writers), as the rest of the file. */
static void
write_node (GString  *out,
            JsonNode *node,
            guint     level)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);

        if (json_object_get_size (object) == 0)
          {
            g_string_append (out, "{}");
            break;
          }
        g_string_append_c (out, '{');
        write_members (out, object, level + 1, TRUE);
        g_string_append_c (out, '\n');
        write_indent (out, level);
        g_string_append_c (out, '}');
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        if (n == 0)
          {
            g_string_append (out, "[]");
            break;
          }
        g_string_append_c (out, '[');
        for (guint i = 0; i < n; i++)
          {
            g_string_append (out, i == 0 ? "\n" : ",\n");
            write_indent (out, level + 1);
            write_node (out, json_array_get_element (array, i), level + 1);
          }
        g_string_append_c (out, '\n');
        write_indent (out, level);
        g_string_append_c (out, ']');
      }
      break;

    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_INT64:
          g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
          break;
        case G_TYPE_DOUBLE:
          /* JSON has no infinity, which json-glib reads for 1e999. */
          if (isfinite (json_node_get_double (node)))
            {
              g_string_append (out, g_ascii_dtostr (buffer, sizeof buffer,
                                                    json_node_get_double (node)));
              /* Stays a floating-point number when read again ("1.0", not "1"). */
              if (strpbrk (buffer, ".eE") == NULL)
                g_string_append (out, ".0");
            }
          else
            g_string_append (out, "null");
          break;
        case G_TYPE_BOOLEAN:
          g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
          break;
        case G_TYPE_STRING:
          write_string (out, json_node_get_string (node));
          break;
        default:
          g_string_append (out, "null");
        }
      break;

    case JSON_NODE_NULL:
    default:
      g_string_append (out, "null");
    }
}

static void
write_annotation (GString         *out,
                  GlossAnnotation *annotation)
{
  const char * const *tags = gloss_annotation_get_tags (annotation);
  JsonObject *extra = gloss_annotation_get_extra_members (annotation);

  write_indent (out, 2);
  g_string_append (out, "{\n");
  write_key (out, 3, "id");
  write_string (out, gloss_annotation_get_id (annotation));
  g_string_append (out, ",\n");
  write_key (out, 3, "target");
  g_string_append (out, "{\n");
  write_key (out, 4, "start");
  g_string_append_printf (out, "%u,\n", gloss_annotation_get_start (annotation));
  write_key (out, 4, "end");
  g_string_append_printf (out, "%u,\n", gloss_annotation_get_end (annotation));
  write_key (out, 4, "exact");
  write_string (out, gloss_annotation_get_exact (annotation));
  g_string_append (out, ",\n");
  write_key (out, 4, "prefix");
  write_string (out, gloss_annotation_get_prefix (annotation));
  g_string_append (out, ",\n");
  write_key (out, 4, "suffix");
  write_string (out, gloss_annotation_get_suffix (annotation));
  g_string_append_c (out, '\n');
  write_indent (out, 3);
  g_string_append (out, "},\n");
  write_key (out, 3, "color");
  write_string (out, gloss_annotation_get_color (annotation));
  g_string_append (out, ",\n");
  write_key (out, 3, "tags");
  if (tags[0] == NULL)
    g_string_append (out, "[]");
  else
    {
      g_string_append_c (out, '[');
      for (guint i = 0; tags[i] != NULL; i++)
        {
          g_string_append (out, i == 0 ? "\n" : ",\n");
          write_indent (out, 4);
          write_string (out, tags[i]);
        }
      g_string_append_c (out, '\n');
      write_indent (out, 3);
      g_string_append_c (out, ']');
    }
  g_string_append (out, ",\n");
  write_key (out, 3, "note");
  write_string (out, gloss_annotation_get_note (annotation));
  g_string_append (out, ",\n");
  write_key (out, 3, "created");
  write_string (out, gloss_annotation_get_created (annotation));
  g_string_append (out, ",\n");
  write_key (out, 3, "modified");
  write_string (out, gloss_annotation_get_modified (annotation));
  if (extra != NULL)
    write_members (out, extra, 3, FALSE);
  g_string_append_c (out, '\n');
  write_indent (out, 2);
  g_string_append_c (out, '}');
}

static int
compare_annotations (gconstpointer a,
                     gconstpointer b)
{
  return gloss_annotation_compare (*(GlossAnnotation **) a, *(GlossAnnotation **) b);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

/**
 * gloss_sidecar_serialize:
 * @len: (out) (optional): the length of the result
 *
 * Writes @contents in the sidecar format: annotations sorted by position, deletions by id.
 *
 * Returns: (transfer full): the bytes of the file
 */
char *
gloss_sidecar_serialize (GlossSidecarContents *contents,
                         gsize                *len)
{
  g_autoptr(GString) out = g_string_sized_new (4096);
  g_autoptr(GPtrArray) sorted = NULL;
  g_autofree const char **ids = NULL;
  guint n_ids;

  g_return_val_if_fail (contents != NULL, NULL);

  g_string_append_printf (out, "{\n  \"version\": %d,\n", GLOSS_SIDECAR_VERSION);
  write_key (out, 1, "article");
  g_string_append (out, "{\n");
  write_key (out, 2, "file");
  write_string (out, contents->file != NULL ? contents->file : "");
  g_string_append (out, ",\n");
  write_key (out, 2, "sha256");
  write_string (out, contents->sha256 != NULL ? contents->sha256 : "");
  g_string_append (out, ",\n");
  write_key (out, 2, "length");
  g_string_append_printf (out, "%u,\n", contents->length);
  write_key (out, 2, "text_model");
  g_string_append_printf (out, "%u\n  },\n", contents->text_model);

  /* A copy takes the free function too; this one only borrows. */
  sorted = g_ptr_array_copy (contents->annotations, NULL, NULL);
  g_ptr_array_set_free_func (sorted, NULL);
  g_ptr_array_sort (sorted, compare_annotations);
  write_key (out, 1, "annotations");
  g_string_append_c (out, '[');
  for (guint i = 0; i < sorted->len; i++)
    {
      g_string_append (out, i == 0 ? "\n" : ",\n");
      write_annotation (out, g_ptr_array_index (sorted, i));
    }
  g_string_append (out, sorted->len > 0 ? "\n  ],\n" : "],\n");

  ids = (const char **) g_hash_table_get_keys_as_array (contents->deleted, &n_ids);
  qsort (ids, n_ids, sizeof (char *), compare_strings);
  write_key (out, 1, "deleted");
  g_string_append_c (out, '[');
  for (guint i = 0; i < n_ids; i++)
    {
      g_string_append (out, i == 0 ? "\n" : ",\n");
      write_indent (out, 2);
      g_string_append (out, "{\n");
      write_key (out, 3, "id");
      write_string (out, ids[i]);
      g_string_append (out, ",\n");
      write_key (out, 3, "deleted");
      write_string (out, g_hash_table_lookup (contents->deleted, ids[i]));
      g_string_append (out, "\n    }");
    }
  g_string_append (out, n_ids > 0 ? "\n  ]\n}\n" : "]\n}\n");

  if (len != NULL)
    *len = out->len;

  return g_string_free (g_steal_pointer (&out), FALSE);
}
