/* gloss-folder.h: the articles in a folder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

GPtrArray  *gloss_folder_list_articles        (GFile                *folder,
                                               GCancellable         *cancellable,
                                               GError              **error);
void        gloss_folder_list_articles_async  (GFile                *folder,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
GPtrArray  *gloss_folder_list_articles_finish (GAsyncResult         *result,
                                               GError              **error);

GStrv       gloss_folder_collect_tags         (GFile                *folder,
                                               GCancellable         *cancellable);
void        gloss_folder_collect_tags_async   (GFile                *folder,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
GStrv       gloss_folder_collect_tags_finish  (GAsyncResult         *result);

G_END_DECLS
