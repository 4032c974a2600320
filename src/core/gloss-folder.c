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
