/* gloss-folder.c: the articles in a folder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opening a folder opens the articles directly in it (not in subfolders: a folder of stories
 * is usually one story per folder), in the order a file manager shows them.
 */

#define G_LOG_DOMAIN "gloss-folder"

#include "config.h"

#include "gloss-article.h"
#include "gloss-folder.h"
#include "gloss-sidecar.h"

/* Sidecars bigger than this are not read for their tags: completion is not worth it. */
#define MAX_TAG_SIDECAR_BYTES (16 * 1024 * 1024)

typedef struct
{
  GFile *file;
  char  *sort_key;
} Entry;

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (((const Entry *) a)->sort_key, ((const Entry *) b)->sort_key);
}

/**
 * gloss_folder_list_articles:
 * @folder: a folder
 *
 * Returns: (transfer full) (element-type GFile): the article files in @folder, sorted by
 *   name as people sort them ("2" before "10"); %NULL with an error if it cannot be read
 */
GPtrArray *
gloss_folder_list_articles (GFile         *folder,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autoptr(GFileEnumerator) enumerator = NULL;
  g_autoptr(GArray) entries = NULL;
  GPtrArray *files;

  g_return_val_if_fail (G_IS_FILE (folder), NULL);

  enumerator = g_file_enumerate_children (folder,
                                          G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                          G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME ","
                                          G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                          G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (enumerator == NULL)
    return NULL;

  entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  for (;;)
    {
      GFileInfo *info = NULL;
      GFile *child = NULL;
      Entry entry;

      if (!g_file_enumerator_iterate (enumerator, &info, &child, cancellable, error))
        {
          for (guint i = 0; i < entries->len; i++)
            {
              g_object_unref (g_array_index (entries, Entry, i).file);
              g_free (g_array_index (entries, Entry, i).sort_key);
            }
          return NULL;
        }
      if (info == NULL)
        break;

      if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR ||
          !gloss_article_is_article_name (g_file_info_get_name (info)))
        continue;

      entry.file = g_object_ref (child);
      entry.sort_key = g_utf8_collate_key_for_filename (g_file_info_get_display_name (info), -1);
      g_array_append_val (entries, entry);
    }

  g_array_sort (entries, compare_entries);

  files = g_ptr_array_new_full (entries->len, g_object_unref);
  for (guint i = 0; i < entries->len; i++)
    {
      Entry *entry = &g_array_index (entries, Entry, i);

      g_ptr_array_add (files, entry->file);
      g_free (entry->sort_key);
    }

  return files;
}

static void
list_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *files;

  files = gloss_folder_list_articles (task_data, cancellable, &error);
  if (files == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, files, (GDestroyNotify) g_ptr_array_unref);
}

void
gloss_folder_list_articles_async (GFile               *folder,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (folder));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, gloss_folder_list_articles_async);
  g_task_set_task_data (task, g_object_ref (folder), g_object_unref);
  g_task_run_in_thread (task, list_thread);
}

GPtrArray *
gloss_folder_list_articles_finish (GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * gloss_folder_collect_tags:
 * @folder: a folder of articles
 *
 * Reads the tags of every annotation in the sidecars in @folder, so that the tag entry can
 * complete from the tags of articles that are not open. Sidecars that cannot be read are
 * skipped: this is for completion, not for the annotations themselves.
 *
 * Returns: (transfer full): the tags, each spelled as first seen, no two equal ignoring
 *   case, in no particular order
 */
GStrv
gloss_folder_collect_tags (GFile        *folder,
                           GCancellable *cancellable)
{
  g_autoptr(GFileEnumerator) enumerator = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GStrvBuilder) tags = g_strv_builder_new ();

  g_return_val_if_fail (G_IS_FILE (folder), NULL);

  enumerator = g_file_enumerate_children (folder,
                                          G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                          G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                                          G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                          G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, cancellable, NULL);
  while (enumerator != NULL)
    {
      g_autoptr(GlossSidecarContents) contents = NULL;
      g_autoptr(GBytes) bytes = NULL;
      GFileInfo *info = NULL;
      GFile *child = NULL;

      if (!g_file_enumerator_iterate (enumerator, &info, &child, cancellable, NULL) ||
          info == NULL)
        break;
      if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR ||
          g_file_info_get_size (info) > MAX_TAG_SIDECAR_BYTES ||
          !g_str_has_suffix (g_file_info_get_name (info), GLOSS_SIDECAR_SUFFIX))
        continue;

      bytes = gloss_sidecar_read (child, cancellable, NULL);
      if (bytes != NULL)
        contents = gloss_sidecar_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                        NULL);
      for (guint i = 0; contents != NULL && i < contents->annotations->len; i++)
        {
          const char * const *names = gloss_annotation_get_tags (g_ptr_array_index (contents->annotations, i));

          for (guint t = 0; names[t] != NULL; t++)
            if (g_hash_table_add (seen, g_utf8_casefold (names[t], -1)))
              g_strv_builder_add (tags, names[t]);
        }
    }

  return g_strv_builder_end (tags);
}

static void
tags_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  g_task_return_pointer (task, gloss_folder_collect_tags (task_data, cancellable),
                         (GDestroyNotify) g_strfreev);
}

void
gloss_folder_collect_tags_async (GFile               *folder,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (folder));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, gloss_folder_collect_tags_async);
  g_task_set_task_data (task, g_object_ref (folder), g_object_unref);
  g_task_run_in_thread (task, tags_thread);
}

/* Returns: (transfer full) (nullable): the tags, or %NULL when cancelled */
GStrv
gloss_folder_collect_tags_finish (GAsyncResult *result)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), NULL);
}
