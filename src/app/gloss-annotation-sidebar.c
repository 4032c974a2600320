/* gloss-annotation-sidebar.c: the annotations of the open articles, filtered and grouped
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK 4.8 list views have no sections, so the list is flat: header rows and annotation
 * rows in one model. Each annotation has one item, kept while it exists, which caches its
 * lowercase text for searching and the previews its row shows. When the annotations
 * change, each article's items are put in reading order and the tags counted; a search or
 * a filter then only walks those arrays (about 2 ms for 20,000 annotations), and hands the
 * result to the model of slots below, which redraws the rows in place.
 */

#define G_LOG_DOMAIN "gloss-annotation-sidebar"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "gloss-annotation-row.h"
#include "gloss-annotation-sidebar.h"
#include "gloss-export.h"
#include "gloss-tag-manager.h"

#define QUOTE_CHARS 200  /* more than three lines hold */
#define NOTE_CHARS  120

/* Row items */

#define GLOSS_TYPE_SIDEBAR_ITEM (gloss_sidebar_item_get_type ())
G_DECLARE_FINAL_TYPE (GlossSidebarItem, gloss_sidebar_item, GLOSS, SIDEBAR_ITEM, GObject)

struct _GlossSidebarItem
{
  GObject           parent_instance;

  GlossAnnotation  *annotation;  /* NULL for a header */
  GlossArticleView *view;        /* not a reference: the sidebar's sources keep it */
  char             *header;      /* a header's text */
  char             *haystack;    /* casefolded quote and note, made when first searched */
  char             *quote;       /* the previews a row shows, made when first shown */
  char             *note;
  GlossQuoteSize    quote_size;  /* the quote's height when last drawn */
  char            **tag_keys;    /* casefolded tags, made when first needed */
  gulong            notify_id;
  guint             seen : 1;
};

G_DEFINE_FINAL_TYPE (GlossSidebarItem, gloss_sidebar_item, G_TYPE_OBJECT)

static void
gloss_sidebar_item_finalize (GObject *object)
{
  GlossSidebarItem *item = GLOSS_SIDEBAR_ITEM (object);

  if (item->annotation != NULL)
    g_clear_signal_handler (&item->notify_id, item->annotation);
  g_clear_object (&item->annotation);
  g_free (item->header);
  g_free (item->haystack);
  g_free (item->quote);
  g_free (item->note);
  g_strfreev (item->tag_keys);

  G_OBJECT_CLASS (gloss_sidebar_item_parent_class)->finalize (object);
}

static void
gloss_sidebar_item_class_init (GlossSidebarItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gloss_sidebar_item_finalize;
}

static void
gloss_sidebar_item_init (GlossSidebarItem *item)
{
  item->quote_size.width = -1;
}

/* Casefolds @text; most quotes are ASCII, which g_ascii_strdown() folds the same way many
 * times faster (casefolding 20,000 quotes took 150 ms on the first search). */
static char *
fold (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if ((guchar) *p >= 0x80)
      return g_utf8_casefold (text, -1);

  return g_ascii_strdown (text, -1);
}

static const char *
item_haystack (GlossSidebarItem *item)
{
  if (item->haystack == NULL)
    {
      g_autofree char *both = g_strconcat (gloss_annotation_get_exact (item->annotation), "\n",
                                           gloss_annotation_get_note (item->annotation), NULL);

      item->haystack = fold (both);
    }

  return item->haystack;
}

static const char * const *
item_tag_keys (GlossSidebarItem *item)
{
  if (item->tag_keys == NULL)
    {
      const char * const *tags = gloss_annotation_get_tags (item->annotation);
      guint n = tags != NULL ? g_strv_length ((char **) tags) : 0;

      item->tag_keys = g_new0 (char *, n + 1);
      for (guint i = 0; i < n; i++)
        item->tag_keys[i] = g_utf8_casefold (tags[i], -1);
    }

  return (const char * const *) item->tag_keys;
}

/* The list's model: one slot per position, showing whichever item is at that position.
 *
 * GTK 4.8's list view keeps about 200 rows bound, and for a change of items it makes new
 * row widgets for every new item among them and destroys the old ones: a search that
 * changes most of the list cost 40 ms in that alone. With slots a position keeps its
 * object, and its bound row just shows another annotation ("changed"); only a change of
 * length is an items-changed, at the end. */

#define GLOSS_TYPE_SIDEBAR_SLOT (gloss_sidebar_slot_get_type ())
G_DECLARE_FINAL_TYPE (GlossSidebarSlot, gloss_sidebar_slot, GLOSS, SIDEBAR_SLOT, GObject)

struct _GlossSidebarSlot
{
  GObject           parent_instance;

  GlossSidebarItem *item;
};

G_DEFINE_FINAL_TYPE (GlossSidebarSlot, gloss_sidebar_slot, G_TYPE_OBJECT)

static guint slot_changed_signal;

static void
gloss_sidebar_slot_finalize (GObject *object)
{
  g_clear_object (&GLOSS_SIDEBAR_SLOT (object)->item);

  G_OBJECT_CLASS (gloss_sidebar_slot_parent_class)->finalize (object);
}

static void
gloss_sidebar_slot_class_init (GlossSidebarSlotClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gloss_sidebar_slot_finalize;
  /* the slot shows another item */
  slot_changed_signal = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                      0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
gloss_sidebar_slot_init (GlossSidebarSlot *slot)
{
}

#define GLOSS_TYPE_SIDEBAR_ROWS (gloss_sidebar_rows_get_type ())
G_DECLARE_FINAL_TYPE (GlossSidebarRows, gloss_sidebar_rows, GLOSS, SIDEBAR_ROWS, GObject)

struct _GlossSidebarRows
{
  GObject    parent_instance;

  GPtrArray *items;  /* of GlossSidebarItem */
  GPtrArray *slots;  /* of GlossSidebarSlot or NULL, as long as items: made when asked for */
};

static GType
gloss_sidebar_rows_get_item_type (GListModel *model)
{
  return GLOSS_TYPE_SIDEBAR_SLOT;
}

static guint
gloss_sidebar_rows_get_n_items (GListModel *model)
{
  return GLOSS_SIDEBAR_ROWS (model)->items->len;
}

static gpointer
gloss_sidebar_rows_get_item (GListModel *model,
                             guint       position)
{
  GlossSidebarRows *rows = GLOSS_SIDEBAR_ROWS (model);
  GlossSidebarSlot *slot;

  if (position >= rows->items->len)
    return NULL;

  slot = g_ptr_array_index (rows->slots, position);
  if (slot == NULL)
    {
      slot = g_object_new (GLOSS_TYPE_SIDEBAR_SLOT, NULL);
      slot->item = g_object_ref (g_ptr_array_index (rows->items, position));
      rows->slots->pdata[position] = slot;
    }

  return g_object_ref (slot);
}

static void
gloss_sidebar_rows_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = gloss_sidebar_rows_get_item_type;
  iface->get_n_items = gloss_sidebar_rows_get_n_items;
  iface->get_item = gloss_sidebar_rows_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (GlossSidebarRows, gloss_sidebar_rows, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      gloss_sidebar_rows_list_model_init))

static void
gloss_sidebar_rows_finalize (GObject *object)
{
  GlossSidebarRows *rows = GLOSS_SIDEBAR_ROWS (object);

  g_ptr_array_unref (rows->items);
  g_ptr_array_unref (rows->slots);

  G_OBJECT_CLASS (gloss_sidebar_rows_parent_class)->finalize (object);
}

static void
gloss_sidebar_rows_class_init (GlossSidebarRowsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gloss_sidebar_rows_finalize;
}

static void
clear_slot (gpointer data)
{
  if (data != NULL)
    g_object_unref (data);
}

static void
gloss_sidebar_rows_init (GlossSidebarRows *rows)
{
  rows->items = g_ptr_array_new_with_free_func (g_object_unref);
  rows->slots = g_ptr_array_new_with_free_func (clear_slot);
}

static GlossSidebarItem *
rows_peek (GlossSidebarRows *rows,
           guint             position)
{
  return position < rows->items->len ? g_ptr_array_index (rows->items, position) : NULL;
}

/* Shows @items (of GlossSidebarItem); @all: tell every slot, as if all had changed. */
static void
rows_set (GlossSidebarRows *rows,
          GPtrArray        *items,
          gboolean          all)
{
  guint old_n = rows->items->len, common = MIN (old_n, items->len);

  for (guint i = 0; i < common; i++)
    {
      GlossSidebarItem *item = g_ptr_array_index (items, i);
      GlossSidebarSlot *slot = g_ptr_array_index (rows->slots, i);
      g_autoptr(GlossSidebarItem) old = NULL;

      if (item == g_ptr_array_index (rows->items, i) && !all)
        continue;
      /* alive until the slot's row has let go of it */
      old = rows->items->pdata[i];
      rows->items->pdata[i] = g_object_ref (item);
      if (slot != NULL)
        {
          g_set_object (&slot->item, item);
          g_signal_emit (slot, slot_changed_signal, 0);
        }
    }

  if (items->len < old_n)
    {
      g_ptr_array_set_size (rows->slots, items->len);
      g_ptr_array_set_size (rows->items, items->len);
      g_list_model_items_changed (G_LIST_MODEL (rows), items->len, old_n - items->len, 0);
    }
  else if (items->len > old_n)
    {
      for (guint i = old_n; i < items->len; i++)
        {
          g_ptr_array_add (rows->items, g_object_ref (g_ptr_array_index (items, i)));
          g_ptr_array_add (rows->slots, NULL);
        }
      g_list_model_items_changed (G_LIST_MODEL (rows), old_n, 0, items->len - old_n);
    }
}

/* The sidebar */

typedef struct
{
  GlossAnnotationSidebar *self;
  GlossArticleView       *view;
  GlossAnnotationSet     *set;
  char                   *title;
  GPtrArray              *order;  /* its GlossSidebarItems in reading order (not owned) */
} Source;

typedef struct
{
  char  *name;   /* as first seen */
  guint  count;
} TagCount;

struct _GlossAnnotationSidebar
{
  GtkWidget               parent_instance;

  GListModel             *views;
  GlossAnnotationHistory *history;
  GPtrArray              *sources;    /* of Source, in column order */
  GHashTable             *items;      /* GlossAnnotation → GlossSidebarItem */
  GHashTable             *headers;    /* key → GlossSidebarItem, reused while unchanged */
  GHashTable             *aliases;    /* "annotation:tag" → GlossSidebarItem, see alias_item */
  GlossSidebarRows       *rows;
  GtkSelectionModel      *selection;  /* over rows */
  GHashTable             *tag_counts; /* casefolded tag → TagCount */
  char                   *tag_signature;
  char                   *status;
  char                   *needle;     /* casefolded search text, NULL when empty */
  char                   *group_by;
  char                   *filter_tag;
  char                   *filter_color;
  guint                   rebuild_id;
  gboolean                order_dirty;  /* the sources' orders and tag counts are stale */
  guint                   n_total;
  guint                   n_shown;

  GtkSearchEntry         *search_entry;
  GtkMenuButton          *tag_button;
  GtkLabel               *tag_label;
  GtkMenuButton          *color_button;
  GtkWidget              *color_swatch;
  GtkLabel               *color_label;
  GtkBox                 *color_box;
  GtkStack               *stack;
  GtkListView            *list_view;
  AdwStatusPage          *empty_page;
  GtkWidget              *clear_button;
  GtkLabel               *status_label;
  GMenu                  *tag_menu;
};

G_DEFINE_FINAL_TYPE (GlossAnnotationSidebar, gloss_annotation_sidebar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_GROUP_BY,
  PROP_FILTER_TAG,
  PROP_FILTER_COLOR,
  N_PROPS
};

enum {
  ANNOTATION_ACTIVATED,
  STOP,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void rebuild (GlossAnnotationSidebar *self);
static void attach (GlossAnnotationSidebar *self, GlossSidebarItem *item);

static const char *
color_display_name (const char *color)
{
  static const struct { const char *id; const char *name; } names[] = {
    { "yellow", N_("Yellow") }, { "green", N_("Green") }, { "blue", N_("Blue") },
    { "pink", N_("Pink") }, { "purple", N_("Purple") }, { "orange", N_("Orange") },
    { "red", N_("Red") }, { "gray", N_("Gray") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (color, names[i].id) == 0)
      return _(names[i].name);

  return color;
}

/* Replaces the "color-*" class (style.css: the palette) of @widget by the one of @color. */
static void
set_swatch_color (GtkWidget  *widget,
                  const char *color)
{
  const char * const *colors = gloss_annotation_list_colors ();

  for (guint i = 0; colors[i] != NULL; i++)
    {
      g_autofree char *name = g_strconcat ("color-", colors[i], NULL);

      if (g_strcmp0 (colors[i], color) == 0)
        gtk_widget_add_css_class (widget, name);
      else
        gtk_widget_remove_css_class (widget, name);
    }
}

static gboolean
is_filtering (GlossAnnotationSidebar *self)
{
  return self->needle != NULL || self->filter_tag[0] != '\0' || self->filter_color[0] != '\0';
}

static gboolean
rebuild_idle (gpointer data)
{
  GlossAnnotationSidebar *self = data;

  self->rebuild_id = 0;
  rebuild (self);

  return G_SOURCE_REMOVE;
}

/* Soon, once for a burst of changes. Not at G_PRIORITY_DEFAULT_IDLE: after opening a long
 * article GtkTextView lays it out in idles of a higher priority for seconds, and the
 * list waited for them (GTK's resize runs at +10, text layout at +25). */
static void
schedule_rebuild (GlossAnnotationSidebar *self)
{
  if (self->rebuild_id == 0)
    self->rebuild_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 15, rebuild_idle, self, NULL);
}

/* The annotations themselves changed (added, removed, moved, tags): not just the filter. */
static void
schedule_refresh (GlossAnnotationSidebar *self)
{
  self->order_dirty = TRUE;
  schedule_rebuild (self);
}

/* Rows */

typedef struct
{
  GlossAnnotationSidebar *self;
  GtkListItem            *list_item;  /* not a reference: the row is its data */
  GlossSidebarSlot       *slot;       /* while bound */
  gulong                  slot_id;
  GlossSidebarItem       *item;       /* the slot's, while bound */
  GlossAnnotationRow     *widget;
  GtkTextBuffer          *buffer;
  gulong                  notify_id;
  gulong                  selection_id;
} Row;

static void
row_free (Row *row)
{
  g_clear_object (&row->buffer);
  g_free (row);
}

/* At most @max characters of @text on one line: quotes and notes are previews. */
static char *
preview (const char *text,
         guint       max)
{
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean space = FALSE;
  guint n = 0;

  for (const char *p = text; *p != '\0' && n < max; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' '), n++;
      space = FALSE;
      g_string_append_unichar (out, c);
      n++;
    }
  if (*text != '\0' && n >= max)
    g_string_append (out, "…");

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static const char *
item_quote_preview (GlossSidebarItem *item)
{
  if (item->quote == NULL)
    item->quote = preview (gloss_annotation_get_exact (item->annotation), QUOTE_CHARS);

  return item->quote;
}

static const char *
item_note_preview (GlossSidebarItem *item)
{
  if (item->note == NULL)
    item->note = preview (gloss_annotation_get_note (item->annotation), NOTE_CHARS);

  return item->note;
}

static void
item_forget_text (GlossSidebarItem *item)
{
  g_clear_pointer (&item->haystack, g_free);
  g_clear_pointer (&item->quote, g_free);
  g_clear_pointer (&item->note, g_free);
  item->quote_size.width = -1;
}

static gboolean
row_attach_sensitive (Row *row)
{
  guint start, end;

  return row->item->view != NULL &&
         gloss_article_view_get_selection (row->item->view, &start, &end);
}

static void
row_update_attach (Row *row)
{
  GlossAnnotation *annotation = row->item ? row->item->annotation : NULL;

  if (annotation == NULL ||
      gloss_annotation_get_anchor_state (annotation) != GLOSS_ANCHOR_STATE_ORPHANED)
    return;

  gloss_annotation_row_set_action (row->widget, _("Attach to Selection"),
                                   _("Attach the annotation to the text selected in its article"),
                                   row_attach_sensitive (row));
}

static void
row_update (Row *row)
{
  GlossAnnotation *annotation = row->item->annotation;
  GlossAnchorState state = gloss_annotation_get_anchor_state (annotation);
  const char * const *tags = gloss_annotation_get_tags (annotation);
  const char *state_text = NULL, *state_tooltip = NULL;
  const char *quote = item_quote_preview (row->item);
  const char *note = item_note_preview (row->item);
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;
  g_autofree char *tag_list = tags ? g_strjoinv (", ", (char **) tags) : g_strdup ("");
  guint n_tags = tags ? g_strv_length ((char **) tags) : 0;

  /* Where the article is not the group's, say which it is. */
  if (row->item->view != NULL &&
      (g_str_equal (row->self->group_by, "tag") || state == GLOSS_ANCHOR_STATE_ORPHANED))
    title = gloss_article_view_dup_title (row->item->view);
  gloss_annotation_row_set_content (row->widget, gloss_annotation_get_color (annotation), quote,
                                    tags, note, title);

  switch (state)
    {
    case GLOSS_ANCHOR_STATE_FUZZY:
      state_text = _("Inexact match");
      state_tooltip = _("The passage changed since it was highlighted");
      break;
    case GLOSS_ANCHOR_STATE_SUGGESTED:
      state_text = _("Suggested place");
      state_tooltip = _("The passage is not in the article as it was; a similar one is");
      break;
    case GLOSS_ANCHOR_STATE_ORPHANED:
      state_text = _("Not found");
      state_tooltip = _("The passage is no longer in the article");
      break;
    case GLOSS_ANCHOR_STATE_EXACT:
    case GLOSS_ANCHOR_STATE_MOVED:
    default:
      break;
    }
  gloss_annotation_row_set_state (row->widget, state_text, state_tooltip,
                                  state == GLOSS_ANCHOR_STATE_ORPHANED);

  if (state == GLOSS_ANCHOR_STATE_SUGGESTED)
    gloss_annotation_row_set_action (row->widget, _("Attach Here"),
                                     _("Attach the annotation to the suggested passage"), TRUE);
  else if (state == GLOSS_ANCHOR_STATE_ORPHANED)
    row_update_attach (row);
  else
    gloss_annotation_row_set_action (row->widget, NULL, NULL, FALSE);

  /* TRANSLATORS: what a screen reader says for a row: colour, quote, tags, note, state */
  description = g_strdup_printf (_("%s highlight: %s. Tags: %s. Note: %s. %s"),
                                 color_display_name (gloss_annotation_get_color (annotation)),
                                 quote, n_tags ? tag_list : _("none"),
                                 note[0] ? note : _("none"), state_text ? state_text : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->widget),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, description, -1);
}

static void
on_row_action (Row *row)
{
  if (row->item != NULL && row->item->annotation != NULL)
    attach (row->self, row->item);
}

static void
on_factory_setup (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  GlossAnnotationSidebar   *self)
{
  Row *row = g_new0 (Row, 1);

  row->self = self;
  row->widget = GLOSS_ANNOTATION_ROW (gloss_annotation_row_new ());
  g_signal_connect_swapped (row->widget, "activate-action", G_CALLBACK (on_row_action), row);

  g_object_set_data_full (G_OBJECT (list_item), "gloss-row", row, (GDestroyNotify) row_free);
  gtk_list_item_set_child (list_item, GTK_WIDGET (row->widget));
}

static void
on_row_annotation_notify (Row        *row,
                          GParamSpec *pspec)
{
  const char *name = g_param_spec_get_name (pspec);

  if (g_str_equal (name, "exact") || g_str_equal (name, "note"))
    item_forget_text (row->item);
  if (!g_str_equal (name, "modified") && !g_str_equal (name, "created"))
    row_update (row);
}

/* Shows @item in the row. */
static void
row_show (Row              *row,
          GlossSidebarItem *item)
{
  gboolean is_header = item->annotation == NULL;

  row->item = item;
  gtk_list_item_set_activatable (row->list_item, !is_header);
  gtk_list_item_set_selectable (row->list_item, !is_header);

  if (is_header)
    {
      gloss_annotation_row_set_quote_size (row->widget, NULL);
      gloss_annotation_row_set_header (row->widget, item->header);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row->widget),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, item->header, -1);
      return;
    }

  gloss_annotation_row_set_quote_size (row->widget, &item->quote_size);
  row_update (row);
  row->notify_id = g_signal_connect_swapped (item->annotation, "notify",
                                             G_CALLBACK (on_row_annotation_notify), row);
  if (gloss_annotation_get_anchor_state (item->annotation) == GLOSS_ANCHOR_STATE_ORPHANED &&
      item->view != NULL)
    {
      GtkTextView *text_view = gloss_article_view_get_text_view (item->view);

      row->buffer = g_object_ref (gtk_text_view_get_buffer (text_view));
      row->selection_id = g_signal_connect_swapped (row->buffer, "notify::has-selection",
                                                    G_CALLBACK (row_update_attach), row);
    }
}

static void
row_forget (Row *row)
{
  if (row->item != NULL && row->item->annotation != NULL)
    g_clear_signal_handler (&row->notify_id, row->item->annotation);
  if (row->buffer != NULL)
    g_clear_signal_handler (&row->selection_id, row->buffer);
  g_clear_object (&row->buffer);
  gloss_annotation_row_set_quote_size (row->widget, NULL);
  row->item = NULL;
}

static void
on_slot_changed (Row *row)
{
  row_forget (row);
  row_show (row, row->slot->item);
}

static void
on_factory_bind (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 GlossAnnotationSidebar   *self)
{
  Row *row = g_object_get_data (G_OBJECT (list_item), "gloss-row");

  row->list_item = list_item;
  row->slot = gtk_list_item_get_item (list_item);
  row->slot_id = g_signal_connect_swapped (row->slot, "changed", G_CALLBACK (on_slot_changed),
                                           row);
  row_show (row, row->slot->item);
}

static void
on_factory_unbind (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   GlossAnnotationSidebar   *self)
{
  Row *row = g_object_get_data (G_OBJECT (list_item), "gloss-row");

  g_clear_signal_handler (&row->slot_id, row->slot);
  row->slot = NULL;
  row_forget (row);
}

/* Building the rows */

static void
on_annotation_notify (GlossAnnotationSidebar *self,
                      GParamSpec             *pspec,
                      GlossAnnotation        *annotation)
{
  GlossSidebarItem *item = g_hash_table_lookup (self->items, annotation);
  const char *name = g_param_spec_get_name (pspec);

  if (item == NULL)
    return;

  if (g_str_equal (name, "exact") || g_str_equal (name, "note"))
    {
      GHashTableIter iter;
      gpointer alias;

      item_forget_text (item);
      g_hash_table_iter_init (&iter, self->aliases);
      while (g_hash_table_iter_next (&iter, NULL, &alias))
        if (((GlossSidebarItem *) alias)->annotation == annotation)
          item_forget_text (alias);
      if (self->needle != NULL)
        schedule_rebuild (self);
    }
  else if (g_str_equal (name, "tags"))
    {
      g_clear_pointer (&item->tag_keys, g_strfreev);
      schedule_refresh (self);
    }
  else if (g_str_equal (name, "color"))
    {
      if (self->filter_color[0] != '\0')
        schedule_rebuild (self);
    }
  else if (g_str_equal (name, "anchor-state") || g_str_equal (name, "start") ||
           g_str_equal (name, "end"))
    schedule_refresh (self);
}

static GlossSidebarItem *
lookup_item (GlossAnnotationSidebar *self,
             GlossAnnotation        *annotation,
             GlossArticleView       *view)
{
  GlossSidebarItem *item = g_hash_table_lookup (self->items, annotation);

  if (item == NULL)
    {
      item = g_object_new (GLOSS_TYPE_SIDEBAR_ITEM, NULL);
      item->annotation = g_object_ref (annotation);
      item->notify_id = g_signal_connect_object (annotation, "notify",
                                                 G_CALLBACK (on_annotation_notify), self,
                                                 G_CONNECT_SWAPPED);
      g_hash_table_insert (self->items, annotation, item);
    }
  item->view = view;
  item->seen = TRUE;

  return item;
}

/* A header row; the same object as last time when nothing changed, so that its slot's
 * row is left alone. */
static GlossSidebarItem *
header_item (GlossAnnotationSidebar *self,
             const char             *key,
             const char             *title,
             guint                   count)
{
  GlossSidebarItem *item = g_hash_table_lookup (self->headers, key);
  /* TRANSLATORS: a group in the annotations sidebar: its name and how many it holds */
  g_autofree char *text = g_strdup_printf (C_("sidebar group", "%s  ·  %u"), title, count);

  if (item == NULL || !g_str_equal (item->header, text))
    {
      item = g_object_new (GLOSS_TYPE_SIDEBAR_ITEM, NULL);
      item->header = g_steal_pointer (&text);
      g_hash_table_replace (self->headers, g_strdup (key), item);
    }
  item->seen = TRUE;

  return item;
}

/* @tag_key: the casefolded tag filter, or NULL */
static gboolean
matches (GlossAnnotationSidebar *self,
         GlossSidebarItem       *item,
         const char             *tag_key)
{
  if (self->filter_color[0] != '\0' &&
      g_strcmp0 (gloss_annotation_get_color (item->annotation), self->filter_color) != 0)
    return FALSE;

  if (tag_key != NULL && !g_strv_contains (item_tag_keys (item), tag_key))
    return FALSE;

  return self->needle == NULL || strstr (item_haystack (item), self->needle) != NULL;
}

static int
compare_reading_order (gconstpointer a,
                       gconstpointer b)
{
  GlossAnnotation *x = (*(GlossSidebarItem **) a)->annotation;
  GlossAnnotation *y = (*(GlossSidebarItem **) b)->annotation;
  guint xs = gloss_annotation_get_anchor_start (x), ys = gloss_annotation_get_anchor_start (y);
  guint xe = gloss_annotation_get_anchor_end (x), ye = gloss_annotation_get_anchor_end (y);

  if (xs != ys)
    return xs < ys ? -1 : 1;
  if (xe != ye)
    return xe < ye ? -1 : 1;
  return gloss_annotation_compare (x, y);
}

static void
count_tags (GlossAnnotationSidebar *self,
            GlossSidebarItem       *item)
{
  const char * const *tags = gloss_annotation_get_tags (item->annotation);
  const char * const *keys = item_tag_keys (item);

  for (guint i = 0; keys[i] != NULL; i++)
    {
      TagCount *count = g_hash_table_lookup (self->tag_counts, keys[i]);

      if (count == NULL)
        {
          count = g_new0 (TagCount, 1);
          count->name = g_strdup (tags[i]);
          g_hash_table_insert (self->tag_counts, g_strdup (keys[i]), count);
        }
      count->count++;
    }
}

static int
compare_tag_counts (gconstpointer a,
                    gconstpointer b)
{
  const TagCount *x = *(TagCount **) a, *y = *(TagCount **) b;
  g_autofree char *xk = g_utf8_casefold (x->name, -1);
  g_autofree char *yk = g_utf8_casefold (y->name, -1);
  int cmp = g_utf8_collate (xk, yk);

  return cmp != 0 ? cmp : strcmp (x->name, y->name);
}

/* The tags, alphabetically, with their counts over every open article. */
static GPtrArray *
sorted_tags (GlossAnnotationSidebar *self)
{
  GPtrArray *tags = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->tag_counts);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (tags, value);
  g_ptr_array_sort (tags, compare_tag_counts);
  return tags;
}

static void
update_tag_menu (GlossAnnotationSidebar *self,
                 GPtrArray              *tags)
{
  g_autoptr(GString) signature = g_string_new (NULL);
  g_autoptr(GMenu) section = g_menu_new ();

  for (guint i = 0; i < tags->len; i++)
    {
      TagCount *tag = g_ptr_array_index (tags, i);

      g_string_append_printf (signature, "%s\t%u\n", tag->name, tag->count);
    }
  if (g_strcmp0 (signature->str, self->tag_signature) == 0)
    return;
  g_free (self->tag_signature);
  self->tag_signature = g_strdup (signature->str);

  g_menu_remove_all (self->tag_menu);
  g_menu_append (self->tag_menu, _("All Tags"), "sidebar.filter-tag::");
  for (guint i = 0; i < tags->len; i++)
    {
      TagCount *tag = g_ptr_array_index (tags, i);
      /* TRANSLATORS: a tag in the filter menu and how many annotations have it */
      g_autofree char *label = g_strdup_printf (_("%s (%u)"), tag->name, tag->count);
      g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target (item, "sidebar.filter-tag", "s", tag->name);
      g_menu_append_item (section, item);
    }
  g_menu_append_section (self->tag_menu, NULL, G_MENU_MODEL (section));
}

static void
update_status (GlossAnnotationSidebar *self)
{
  gboolean filtering = is_filtering (self);

  g_free (self->status);
  if (filtering)
    /* TRANSLATORS: how many annotations the filters let through, of how many */
    self->status = g_strdup_printf (ngettext ("%u of %u annotation", "%u of %u annotations",
                                              self->n_total),
                                    self->n_shown, self->n_total);
  else
    self->status = g_strdup_printf (ngettext ("%u annotation", "%u annotations", self->n_total),
                                    self->n_total);
  gtk_label_set_label (self->status_label, self->status);

  if (self->n_total == 0)
    {
      adw_status_page_set_title (self->empty_page, _("No Annotations Yet"));
      adw_status_page_set_description (self->empty_page,
                                       _("Select text in an article and press H to highlight it"));
    }
  else
    {
      adw_status_page_set_title (self->empty_page, _("No Matches"));
      adw_status_page_set_description (self->empty_page,
                                       _("No annotation matches the search and filters"));
    }
  gtk_widget_set_visible (self->clear_button, self->n_total > 0 && filtering);
  gtk_stack_set_visible_child_name (self->stack, self->n_shown > 0 ? "list" : "empty");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sidebar.clear-filters", filtering);
}

static gboolean
remove_unseen (gpointer key,
               gpointer value,
               gpointer data)
{
  GlossSidebarItem *item = value;
  gboolean remove = !item->seen;

  item->seen = FALSE;
  return remove;
}

/* By tag, an annotation with several tags is listed under each: a list view cannot show
 * one item twice, so the later places get an item of their own for the same annotation. */
static GlossSidebarItem *
alias_item (GlossAnnotationSidebar *self,
            GlossSidebarItem       *item,
            const char             *tag_key)
{
  g_autofree char *key = g_strdup_printf ("%p:%s", (gpointer) item->annotation, tag_key);
  GlossSidebarItem *alias = g_hash_table_lookup (self->aliases, key);

  if (alias == NULL)
    {
      alias = g_object_new (GLOSS_TYPE_SIDEBAR_ITEM, NULL);
      alias->annotation = g_object_ref (item->annotation);
      g_hash_table_insert (self->aliases, g_steal_pointer (&key), alias);
    }
  alias->view = item->view;
  alias->seen = TRUE;

  return alias;
}

/* Appends a group: its header, then its rows. */
static void
append_group (GlossAnnotationSidebar *self,
              GPtrArray              *rows,
              const char             *key,
              const char             *title,
              GPtrArray              *members)
{
  if (members->len == 0)
    return;

  g_ptr_array_add (rows, header_item (self, key, title, members->len));
  g_ptr_array_extend (rows, members, NULL, NULL);
}

static void
build_tag_groups (GlossAnnotationSidebar *self,
                  GPtrArray              *rows,
                  GPtrArray              *attached)
{
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                        (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) untagged = g_ptr_array_new ();
  g_autoptr(GPtrArray) tags = sorted_tags (self);
  g_autofree char *only = self->filter_tag[0] ? g_utf8_casefold (self->filter_tag, -1) : NULL;

  for (guint i = 0; i < attached->len; i++)
    {
      GlossSidebarItem *item = g_ptr_array_index (attached, i);
      const char * const *keys = item_tag_keys (item);

      gboolean placed = FALSE;

      if (keys[0] == NULL)
        g_ptr_array_add (untagged, item);
      for (guint k = 0; keys[k] != NULL; k++)
        {
          GPtrArray *group;

          if (only != NULL && !g_str_equal (keys[k], only))
            continue;
          group = g_hash_table_lookup (groups, keys[k]);
          if (group == NULL)
            g_hash_table_insert (groups, (gpointer) keys[k], group = g_ptr_array_new ());
          g_ptr_array_add (group, placed ? alias_item (self, item, keys[k]) : item);
          placed = TRUE;
        }
    }

  for (guint i = 0; i < tags->len; i++)
    {
      TagCount *tag = g_ptr_array_index (tags, i);
      g_autofree char *key = g_utf8_casefold (tag->name, -1);
      g_autofree char *header_key = g_strconcat ("tag:", key, NULL);
      GPtrArray *group = g_hash_table_lookup (groups, key);

      if (group != NULL)
        append_group (self, rows, header_key, tag->name, group);
    }
  append_group (self, rows, "untagged", _("Untagged"), untagged);
}

/* Puts every source's annotations in reading order and counts the tags: only when the
 * annotations changed, not for every keystroke of a search. */
static void
refresh_order (GlossAnnotationSidebar *self)
{
  g_autoptr(GPtrArray) tags = NULL;

  g_hash_table_remove_all (self->tag_counts);
  self->n_total = 0;

  for (guint s = 0; s < self->sources->len; s++)
    {
      Source *source = g_ptr_array_index (self->sources, s);
      guint n = source->set ? g_list_model_get_n_items (G_LIST_MODEL (source->set)) : 0;

      g_ptr_array_set_size (source->order, 0);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GlossAnnotation) annotation = NULL;
          GlossSidebarItem *item;

          annotation = g_list_model_get_item (G_LIST_MODEL (source->set), i);
          item = lookup_item (self, annotation, source->view);
          g_ptr_array_add (source->order, item);
          count_tags (self, item);
          /* now, while loading, rather than on the first keystroke of a search */
          item_haystack (item);
        }
      self->n_total += n;
      g_ptr_array_sort (source->order, compare_reading_order);
    }

  /* The rows model still holds the items of annotations that went, until the next rebuild. */
  g_hash_table_foreach_remove (self->items, remove_unseen, NULL);
  tags = sorted_tags (self);
  update_tag_menu (self, tags);
  self->order_dirty = FALSE;
}

static void
rebuild (GlossAnnotationSidebar *self)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GPtrArray) attached = g_ptr_array_new ();
  g_autoptr(GPtrArray) orphans = g_ptr_array_new ();
  g_autofree char *tag_key = NULL;
  gboolean by_tag = g_str_equal (self->group_by, "tag");

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  if (self->order_dirty)
    refresh_order (self);
  if (self->filter_tag[0] != '\0')
    tag_key = g_utf8_casefold (self->filter_tag, -1);
  self->n_shown = 0;

  for (guint s = 0; s < self->sources->len; s++)
    {
      Source *source = g_ptr_array_index (self->sources, s);
      g_autoptr(GPtrArray) members = g_ptr_array_new ();

      for (guint i = 0; i < source->order->len; i++)
        {
          GlossSidebarItem *item = g_ptr_array_index (source->order, i);

          if (!matches (self, item, tag_key))
            continue;
          self->n_shown++;
          if (gloss_annotation_get_anchor_state (item->annotation) == GLOSS_ANCHOR_STATE_ORPHANED)
            g_ptr_array_add (orphans, item);
          else
            g_ptr_array_add (members, item);
        }

      if (by_tag)
        g_ptr_array_extend (attached, members, NULL, NULL);
      else
        {
          g_autofree char *key = g_strdup_printf ("article:%u", s);

          append_group (self, rows, key, source->title ? source->title : "", members);
        }
    }

  if (by_tag)
    build_tag_groups (self, rows, attached);
  append_group (self, rows, "orphans", _("Not Found in the Text"), orphans);

  g_hash_table_foreach_remove (self->headers, remove_unseen, NULL);
  g_hash_table_foreach_remove (self->aliases, remove_unseen, NULL);
  rows_set (self->rows, rows, FALSE);
  update_status (self);
}

/* Editing */

/* Attaches a suggested annotation to its candidate, an orphan to the selected text. */
static void
attach (GlossAnnotationSidebar *self,
        GlossSidebarItem       *item)
{
  GlossAnnotation *annotation = item->annotation;
  GlossAnchorState state = gloss_annotation_get_anchor_state (annotation);
  GlossArticle *article = item->view ? gloss_article_view_get_article (item->view) : NULL;
  GlossAnnotationSet *set = item->view ? gloss_article_view_get_annotations (item->view) : NULL;
  g_autofree char *now = gloss_annotation_now ();
  guint start, end;

  if (article == NULL || set == NULL)
    return;

  if (state == GLOSS_ANCHOR_STATE_SUGGESTED)
    {
      start = gloss_annotation_get_anchor_start (annotation);
      end = gloss_annotation_get_anchor_end (annotation);
    }
  else if (state != GLOSS_ANCHOR_STATE_ORPHANED ||
           !gloss_article_view_get_selection (item->view, &start, &end) || start == end)
    return;

  if (self->history != NULL)
    {
      gloss_annotation_history_begin (self->history, _("Attach Annotation"));
      gloss_annotation_history_track (self->history, set, gloss_annotation_get_id (annotation));
    }
  if (gloss_annotation_set_target_from_text (annotation, gloss_article_get_text (article),
                                             start, end))
    gloss_annotation_set_modified (annotation, now);
  if (self->history != NULL)
    gloss_annotation_history_end (self->history);

  /* Show where it went. */
  g_signal_emit (self, signals[ANNOTATION_ACTIVATED], 0, item->view, annotation);
}

/* Sources: the open articles */

static void
source_free (Source *source)
{
  GlossAnnotationSidebar *self = source->self;

  g_signal_handlers_disconnect_by_data (source->view, source);
  if (source->set != NULL)
    g_signal_handlers_disconnect_by_data (source->set, self);
  g_clear_object (&source->view);
  g_clear_object (&source->set);
  g_clear_pointer (&source->order, g_ptr_array_unref);
  g_free (source->title);
  g_free (source);
}

static void
source_update (Source *source)
{
  GlossAnnotationSidebar *self = source->self;
  GlossAnnotationSet *set = gloss_article_view_get_annotations (source->view);

  g_free (source->title);
  source->title = gloss_article_view_dup_title (source->view);

  if (set != source->set)
    {
      if (source->set != NULL)
        g_signal_handlers_disconnect_by_data (source->set, self);
      g_set_object (&source->set, set);
      if (set != NULL)
        g_signal_connect_object (set, "items-changed", G_CALLBACK (schedule_refresh), self,
                                 G_CONNECT_SWAPPED);
    }
  schedule_refresh (self);
}

static void
sync_sources (GlossAnnotationSidebar *self)
{
  g_autoptr(GPtrArray) old = g_steal_pointer (&self->sources);
  guint n = self->views ? g_list_model_get_n_items (self->views) : 0;

  self->sources = g_ptr_array_new_with_free_func ((GDestroyNotify) source_free);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GlossArticleView) view = g_list_model_get_item (self->views, i);
      Source *source = NULL;

      for (guint k = 0; k < old->len && source == NULL; k++)
        if (((Source *) g_ptr_array_index (old, k))->view == view)
          source = g_ptr_array_steal_index (old, k);

      if (source == NULL)
        {
          source = g_new0 (Source, 1);
          source->self = self;
          source->view = g_object_ref (view);
          source->order = g_ptr_array_new ();
          g_signal_connect_swapped (view, "notify::annotations", G_CALLBACK (source_update),
                                    source);
          g_signal_connect_swapped (view, "notify::title", G_CALLBACK (source_update), source);
          source_update (source);
        }
      g_ptr_array_add (self->sources, source);
    }

  /* Rows must not outlive their column: rebuild now, not later. */
  self->order_dirty = TRUE;
  rebuild (self);
}

/* Callbacks */

/* A new search or filter shows its first results: the rows keep their places (slots), so
 * the list would stay where it was. */
static void
scroll_to_top (GlossAnnotationSidebar *self)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_view));

  if (adjustment != NULL)
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_lower (adjustment));
}

static void
on_search_changed (GlossAnnotationSidebar *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  g_clear_pointer (&self->needle, g_free);
  if (stripped[0] != '\0')
    self->needle = fold (stripped);
  rebuild (self);
  scroll_to_top (self);
}

/* Escape clears the search, then leaves the sidebar. */
static void
on_stop_search (GlossAnnotationSidebar *self)
{
  if (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))[0] != '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  else
    g_signal_emit (self, signals[STOP], 0);
}

static void
on_search_activate (GlossAnnotationSidebar *self)
{
  if (self->n_shown > 0)
    gtk_widget_child_focus (GTK_WIDGET (self->list_view), GTK_DIR_TAB_FORWARD);
}

static gboolean
on_search_key_pressed (GlossAnnotationSidebar *self,
                       guint                   keyval,
                       guint                   keycode,
                       GdkModifierType         state)
{
  if ((keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down) && self->n_shown > 0)
    return gtk_widget_child_focus (GTK_WIDGET (self->list_view), GTK_DIR_TAB_FORWARD);

  return GDK_EVENT_PROPAGATE;
}

static void
on_list_activate (GlossAnnotationSidebar *self,
                  guint                   position)
{
  GlossSidebarItem *item = rows_peek (self->rows, position);

  if (item != NULL && item->annotation != NULL && item->view != NULL)
    g_signal_emit (self, signals[ANNOTATION_ACTIVATED], 0, item->view, item->annotation);
}

static void
on_color_toggled (GtkCheckButton         *button,
                  GlossAnnotationSidebar *self)
{
  if (!gtk_check_button_get_active (button))
    return;

  g_object_set (self, "filter-color", g_object_get_data (G_OBJECT (button), "color"), NULL);
  gtk_menu_button_popdown (self->color_button);
}

static void
add_color_choice (GlossAnnotationSidebar *self,
                  const char             *color,
                  GtkCheckButton         *group)
{
  GtkWidget *button = gtk_check_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *swatch = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  const char *name = color[0] ? color_display_name (color) : _("All Colours");

  gtk_widget_add_css_class (swatch, "swatch");
  gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
  set_swatch_color (swatch, color);
  gtk_widget_set_visible (swatch, color[0] != '\0');
  gtk_box_append (GTK_BOX (box), swatch);
  gtk_box_append (GTK_BOX (box), gtk_label_new (name));
  gtk_check_button_set_child (GTK_CHECK_BUTTON (button), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_check_button_set_group (GTK_CHECK_BUTTON (button), group);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (button), g_str_equal (color, self->filter_color));
  g_object_set_data_full (G_OBJECT (button), "color", g_strdup (color), g_free);
  g_signal_connect (button, "toggled", G_CALLBACK (on_color_toggled), self);
  gtk_box_append (self->color_box, button);
}

static void
update_filter_buttons (GlossAnnotationSidebar *self)
{
  gboolean any_color = self->filter_color[0] == '\0';

  gtk_label_set_label (self->tag_label, self->filter_tag[0] ? self->filter_tag : _("All Tags"));
  gtk_label_set_label (self->color_label,
                       any_color ? _("All Colours") : color_display_name (self->filter_color));
  set_swatch_color (self->color_swatch, self->filter_color);
  gtk_widget_set_visible (self->color_swatch, !any_color);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->color_box));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (g_strcmp0 (g_object_get_data (G_OBJECT (child), "color"), self->filter_color) == 0)
      gtk_check_button_set_active (GTK_CHECK_BUTTON (child), TRUE);
}

static void
clear_filters (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GlossAnnotationSidebar *self = GLOSS_ANNOTATION_SIDEBAR (widget);

  g_object_set (self, "filter-tag", "", "filter-color", "", NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  on_search_changed (self);
}

/* Copies the annotations the sidebar shows (its filters applied) as the Markdown export
 * writes them, grouped as the sidebar groups them. */
static void
copy_markdown (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GlossAnnotationSidebar *self = GLOSS_ANNOTATION_SIDEBAR (widget);
  g_autoptr(GlossExport) export = gloss_export_new ();
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(GBytes) bytes = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  g_autofree char *text = NULL;

  for (guint i = 0; i < self->sources->len; i++)
    {
      Source *source = g_ptr_array_index (self->sources, i);
      GlossArticle *article = source->view ? gloss_article_view_get_article (source->view) : NULL;

      if (article != NULL && source->set != NULL)
        gloss_export_add_source (export, article, source->set);
    }
  for (guint i = 0; i < n; i++)
    {
      GlossSidebarItem *item = rows_peek (self->rows, i);

      if (item->annotation != NULL)
        g_ptr_array_add (ids, (gpointer) gloss_annotation_get_id (item->annotation));
    }
  g_ptr_array_add (ids, NULL);

  gloss_export_set_ids (export, (const char * const *) ids->pdata);
  gloss_export_set_format (export, GLOSS_EXPORT_FORMAT_MARKDOWN);
  gloss_export_set_grouping (export, g_str_equal (self->group_by, "tag")
                                     ? GLOSS_EXPORT_GROUP_BY_TAG
                                     : GLOSS_EXPORT_GROUP_BY_ARTICLE);
  bytes = gloss_export_run (export, NULL);
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
}

static void
manage_tags (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GlossAnnotationSidebar *self = GLOSS_ANNOTATION_SIDEBAR (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GListModel) empty = NULL;
  GtkWidget *manager;

  if (self->views == NULL)
    empty = G_LIST_MODEL (g_list_store_new (GLOSS_TYPE_ARTICLE_VIEW));
  manager = gloss_tag_manager_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   self->views ? self->views : empty, self->history);
  gtk_window_present (GTK_WINDOW (manager));
}

/* GObject */

static void
gloss_annotation_sidebar_dispose (GObject *object)
{
  GlossAnnotationSidebar *self = GLOSS_ANNOTATION_SIDEBAR (object);
  GtkWidget *child;

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  if (self->views != NULL)
    g_signal_handlers_disconnect_by_data (self->views, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSS_TYPE_ANNOTATION_SIDEBAR);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  if (self->rows != NULL)
    {
      g_autoptr(GPtrArray) none = g_ptr_array_new ();

      rows_set (self->rows, none, FALSE);
    }
  if (self->sources != NULL)
    g_ptr_array_set_size (self->sources, 0);
  if (self->items != NULL)
    g_hash_table_remove_all (self->items);
  g_clear_object (&self->selection);
  g_clear_object (&self->rows);
  g_clear_object (&self->views);
  g_clear_object (&self->history);

  G_OBJECT_CLASS (gloss_annotation_sidebar_parent_class)->dispose (object);
}

static void
gloss_annotation_sidebar_finalize (GObject *object)
{
  GlossAnnotationSidebar *self = GLOSS_ANNOTATION_SIDEBAR (object);

  g_clear_pointer (&self->sources, g_ptr_array_unref);
  g_clear_pointer (&self->items, g_hash_table_unref);
  g_clear_pointer (&self->headers, g_hash_table_unref);
  g_clear_pointer (&self->aliases, g_hash_table_unref);
  g_clear_pointer (&self->tag_counts, g_hash_table_unref);
  g_free (self->tag_signature);
  g_free (self->status);
  g_free (self->needle);
  g_free (self->group_by);
  g_free (self->filter_tag);
  g_free (self->filter_color);

  G_OBJECT_CLASS (gloss_annotation_sidebar_parent_class)->finalize (object);
}

static void
gloss_annotation_sidebar_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  GlossAnnotationSidebar *self = GLOSS_ANNOTATION_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_GROUP_BY:
      g_value_set_string (value, self->group_by);
      break;

    case PROP_FILTER_TAG:
      g_value_set_string (value, self->filter_tag);
      break;

    case PROP_FILTER_COLOR:
      g_value_set_string (value, self->filter_color);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_annotation_sidebar_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  GlossAnnotationSidebar *self = GLOSS_ANNOTATION_SIDEBAR (object);
  const char *text = g_value_get_string (value);
  char **field;

  switch (prop_id)
    {
    case PROP_GROUP_BY:
      field = &self->group_by;
      text = g_strcmp0 (text, "tag") == 0 ? "tag" : "article";
      break;

    case PROP_FILTER_TAG:
      field = &self->filter_tag;
      break;

    case PROP_FILTER_COLOR:
      field = &self->filter_color;
      if (text != NULL && !gloss_annotation_color_is_valid (text))
        text = NULL;
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }

  if (g_strcmp0 (*field, text ? text : "") == 0)
    return;

  g_free (*field);
  *field = g_strdup (text ? text : "");
  /* Rows show the article's name when grouped by tag: rebind them all. */
  update_filter_buttons (self);
  rebuild (self);
  scroll_to_top (self);
  if (prop_id == PROP_GROUP_BY)
    rows_set (self->rows, self->rows->items, TRUE);
  g_object_notify_by_pspec (object, pspec);
}

static void
gloss_annotation_sidebar_class_init (GlossAnnotationSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->dispose = gloss_annotation_sidebar_dispose;
  object_class->finalize = gloss_annotation_sidebar_finalize;
  object_class->get_property = gloss_annotation_sidebar_get_property;
  object_class->set_property = gloss_annotation_sidebar_set_property;

  /* "article" or "tag" */
  properties[PROP_GROUP_BY] = g_param_spec_string ("group-by", NULL, NULL, "article", rw);
  /* A tag, or "" for all */
  properties[PROP_FILTER_TAG] = g_param_spec_string ("filter-tag", NULL, NULL, "", rw);
  /* A palette colour, or "" for all */
  properties[PROP_FILTER_COLOR] = g_param_spec_string ("filter-color", NULL, NULL, "", rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * GlossAnnotationSidebar::annotation-activated:
   * @view: the column of the annotation
   * @annotation: the annotation
   *
   * A row was activated (click, Enter) or an annotation attached: the window reveals it.
   */
  signals[ANNOTATION_ACTIVATED] =
    g_signal_new ("annotation-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                  GLOSS_TYPE_ARTICLE_VIEW, GLOSS_TYPE_ANNOTATION);

  /**
   * GlossAnnotationSidebar::stop:
   *
   * Escape was pressed in the search entry with nothing left to clear: the window gives
   * the focus back to the articles.
   */
  signals[STOP] =
    g_signal_new ("stop", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_property_action (widget_class, "sidebar.group-by", "group-by");
  gtk_widget_class_install_property_action (widget_class, "sidebar.filter-tag", "filter-tag");
  gtk_widget_class_install_property_action (widget_class, "sidebar.filter-color",
                                            "filter-color");
  gtk_widget_class_install_action (widget_class, "sidebar.clear-filters", NULL, clear_filters);
  gtk_widget_class_install_action (widget_class, "sidebar.manage-tags", NULL, manage_tags);
  gtk_widget_class_install_action (widget_class, "sidebar.copy-markdown", NULL, copy_markdown);

  gtk_widget_class_set_css_name (widget_class, "annotationsidebar");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/gloss-annotation-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossAnnotationSidebar, search_entry);
  gtk_widget_class_bind_template_child (widget_class, GlossAnnotationSidebar, tag_button);
  gtk_widget_class_bind_template_child (widget_class, GlossAnnotationSidebar, tag_label);
  gtk_widget_class_bind_template_child (widget_class, GlossAnnotationSidebar, color_button);
  gtk_widget_class_bind_template_child (widget_class, GlossAnnotationSidebar, color_swatch);
  gtk_widget_class_bind_template_child (widget_class, GlossAnnotationSidebar, color_label);
  gtk_widget_class_bind_template_child (widget_class, GlossAnnotationSidebar, color_box);
  gtk_widget_class_bind_template_child (widget_class, GlossAnnotationSidebar, stack);
  gtk_widget_class_bind_template_child (widget_class, GlossAnnotationSidebar, list_view);
  gtk_widget_class_bind_template_child (widget_class, GlossAnnotationSidebar, empty_page);
  gtk_widget_class_bind_template_child (widget_class, GlossAnnotationSidebar, clear_button);
  gtk_widget_class_bind_template_child (widget_class, GlossAnnotationSidebar, status_label);
  gtk_widget_class_bind_template_child (widget_class, GlossAnnotationSidebar, tag_menu);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate);
}

static void
gloss_annotation_sidebar_init (GlossAnnotationSidebar *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();
  const char * const *colors = gloss_annotation_list_colors ();
  GtkCheckButton *group;
  GListModel *model;

  self->group_by = g_strdup ("article");
  self->filter_tag = g_strdup ("");
  self->filter_color = g_strdup ("");
  self->sources = g_ptr_array_new_with_free_func ((GDestroyNotify) source_free);
  self->items = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  self->headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->aliases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->tag_counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) g_free);
  self->rows = g_object_new (GLOSS_TYPE_SIDEBAR_ROWS, NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (factory, "setup", G_CALLBACK (on_factory_setup), self);
  g_signal_connect (factory, "bind", G_CALLBACK (on_factory_bind), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_factory_unbind), self);
  gtk_list_view_set_factory (self->list_view, factory);
  model = G_LIST_MODEL (g_object_ref (self->rows));
  self->selection = GTK_SELECTION_MODEL (gtk_no_selection_new (model));
  gtk_list_view_set_model (self->list_view, self->selection);

  add_color_choice (self, "", NULL);
  group = GTK_CHECK_BUTTON (gtk_widget_get_first_child (GTK_WIDGET (self->color_box)));
  for (guint i = 0; colors[i] != NULL; i++)
    add_color_choice (self, colors[i], group);

  g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (on_search_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);
  gtk_search_entry_set_key_capture_widget (self->search_entry, NULL);

  rebuild (self);
}

/* Public API */

GtkWidget *
gloss_annotation_sidebar_new (void)
{
  return g_object_new (GLOSS_TYPE_ANNOTATION_SIDEBAR, NULL);
}

/**
 * gloss_annotation_sidebar_set_views:
 * @views: the open GlossArticleView columns, in column order
 *
 * The sidebar follows @views: columns opened, closed and moved, and the annotations of
 * each as they load.
 */
void
gloss_annotation_sidebar_set_views (GlossAnnotationSidebar *self,
                                    GListModel             *views)
{
  g_return_if_fail (GLOSS_IS_ANNOTATION_SIDEBAR (self));
  g_return_if_fail (views == NULL || G_IS_LIST_MODEL (views));

  if (self->views == views)
    return;

  if (self->views != NULL)
    g_signal_handlers_disconnect_by_data (self->views, self);
  g_set_object (&self->views, views);
  if (views != NULL)
    g_signal_connect_object (views, "items-changed", G_CALLBACK (sync_sources), self,
                             G_CONNECT_SWAPPED);
  sync_sources (self);
}

/* Edits made in the sidebar (attaching) and in its tag manager are recorded there. */
void
gloss_annotation_sidebar_set_history (GlossAnnotationSidebar *self,
                                      GlossAnnotationHistory *history)
{
  g_return_if_fail (GLOSS_IS_ANNOTATION_SIDEBAR (self));
  g_return_if_fail (history == NULL || GLOSS_IS_ANNOTATION_HISTORY (history));

  g_set_object (&self->history, history);
}

void
gloss_annotation_sidebar_focus_search (GlossAnnotationSidebar *self)
{
  g_return_if_fail (GLOSS_IS_ANNOTATION_SIDEBAR (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

/* "12 of 40 annotations" while filtering, else "40 annotations". */
const char *
gloss_annotation_sidebar_get_status (GlossAnnotationSidebar *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_SIDEBAR (self), NULL);

  if (self->rebuild_id != 0)
    rebuild (self);
  return self->status;
}

guint
gloss_annotation_sidebar_get_n_rows (GlossAnnotationSidebar *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_SIDEBAR (self), 0);

  if (self->rebuild_id != 0)
    rebuild (self);
  return g_list_model_get_n_items (G_LIST_MODEL (self->rows));
}

static GlossSidebarItem *
peek_row (GlossAnnotationSidebar *self,
          guint                   position)
{
  if (self->rebuild_id != 0)
    rebuild (self);

  return rows_peek (self->rows, position);
}

/* Returns: (nullable): the annotation of row @position, NULL for a group header */
GlossAnnotation *
gloss_annotation_sidebar_get_row_annotation (GlossAnnotationSidebar *self,
                                             guint                   position)
{
  GlossSidebarItem *item;

  g_return_val_if_fail (GLOSS_IS_ANNOTATION_SIDEBAR (self), NULL);

  item = peek_row (self, position);
  return item ? item->annotation : NULL;
}

/* Returns: (nullable): the text of the group header at @position, NULL for an annotation */
const char *
gloss_annotation_sidebar_get_row_header (GlossAnnotationSidebar *self,
                                         guint                   position)
{
  GlossSidebarItem *item;

  g_return_val_if_fail (GLOSS_IS_ANNOTATION_SIDEBAR (self), NULL);

  item = peek_row (self, position);
  return item ? item->header : NULL;
}

GtkEditable *
gloss_annotation_sidebar_get_search_entry (GlossAnnotationSidebar *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_SIDEBAR (self), NULL);

  return GTK_EDITABLE (self->search_entry);
}
