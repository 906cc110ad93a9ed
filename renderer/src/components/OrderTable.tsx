// The virtualised order table: only the rows in view are in the DOM, and only the pages in view are fetched, so a
// queue of 100,000 orders scrolls smoothly. Sorting is done by the server (manualSorting); selection is kept by ref.
import type { ColumnDef, RowSelectionState, SortingState } from '@tanstack/react-table';
import { flexRender, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef } from 'react';
import type { OrderRow } from '../../../main/ipc/views.js';
import { formatDateTime } from '../format.js';
import { STATE_LABELS } from '../states.js';

export const ROW_HEIGHT = 44;

export interface OrderTableProps {
  /** Rows known so far, by index; undefined = not loaded yet. */
  getRow: (index: number) => OrderRow | undefined;
  total: number;
  sorting: SortingState;
  onSortingChange: (s: SortingState) => void;
  selection: RowSelectionState;
  onSelectionChange: (s: RowSelectionState) => void;
  /** Called with the visible index range so the owner can fetch those pages. */
  onRangeChange: (first: number, last: number) => void;
  onOpen: (ref: string) => void;
  /** Changing it scrolls back to the top (new tab or search), a live refetch does not. */
  resetKey: string;
  showState: boolean;
}

const SORTABLE = new Set(['ref', 'customerId', 'orderDate', 'state', 'updatedAt']);

function columns(onOpen: (ref: string) => void, showState: boolean): ColumnDef<OrderRow>[] {
  const cols: (ColumnDef<OrderRow> | false)[] = [
    {
      id: 'select',
      header: ({ table }) => (
        <input
          type="checkbox"
          aria-label="Select all loaded orders"
          checked={table.getIsAllRowsSelected()}
          onChange={table.getToggleAllRowsSelectedHandler()}
        />
      ),
      cell: ({ row }) => (
        <input type="checkbox" aria-label={`Select order ${row.original.ref}`} checked={row.getIsSelected()} onChange={row.getToggleSelectedHandler()} />
      ),
    },
    {
      id: 'ref',
      header: 'Order',
      cell: ({ row }) => (
        <button type="button" className="link" onClick={() => onOpen(row.original.ref)}>
          {row.original.ref}
        </button>
      ),
    },
    { id: 'customerId', header: 'Customer', cell: ({ row }) => `${row.original.customerId} · ${row.original.shipToName}` },
    { id: 'orderDate', header: 'Date', cell: ({ row }) => row.original.orderDate },
    showState && { id: 'state', header: 'State', cell: ({ row }) => STATE_LABELS[row.original.state] },
    { id: 'lines', header: 'Lines', cell: ({ row }) => row.original.lineCount },
    { id: 'wmsRef', header: 'WMS ref', cell: ({ row }) => row.original.wmsRef ?? '—' },
    { id: 'tracking', header: 'Tracking', cell: ({ row }) => row.original.trackingNumbers.join(', ') || '—' },
    {
      id: 'problem',
      header: 'Problem',
      cell: ({ row }) => row.original.attention ?? row.original.lastError?.serverMessage ?? row.original.lastError?.message ?? '',
    },
    { id: 'updatedAt', header: 'Updated', cell: ({ row }) => formatDateTime(row.original.updatedAt) },
  ];
  return cols.filter((c): c is ColumnDef<OrderRow> => c !== false);
}

export function OrderTable(props: OrderTableProps) {
  const { getRow, total, sorting, selection, onRangeChange, resetKey } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  useEffect(() => onRangeChange(first, last), [first, last, onRangeChange]);
  useEffect(() => {
    scrollRef.current?.scrollTo?.({ top: 0 });
  }, [resetKey]);

  const visible: OrderRow[] = [];
  for (const item of items) {
    const row = getRow(item.index);
    if (row) visible.push(row);
  }
  // Stable column definitions: a new cell function each render would remount every cell.
  const cols = useMemo(() => columns(props.onOpen, props.showState), [props.onOpen, props.showState]);
  const table = useReactTable({
    data: visible,
    columns: cols,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (r) => r.ref,
    manualSorting: true,
    enableMultiSort: false,
    enableRowSelection: true,
    state: { sorting, rowSelection: selection },
    onSortingChange: (u) => props.onSortingChange(typeof u === 'function' ? u(sorting) : u),
    onRowSelectionChange: (u) => props.onSelectionChange(typeof u === 'function' ? u(selection) : u),
  });
  const headers = table.getHeaderGroups()[0]?.headers ?? [];
  const gridTemplate = headers.map((h) => (h.id === 'select' ? '3rem' : h.id === 'lines' ? '4.5rem' : 'minmax(7rem, 1fr)')).join(' ');
  const byRef = new Map(table.getRowModel().rows.map((r) => [r.id, r]));

  return (
    <div className="order-table" role="table" aria-label="Orders" aria-rowcount={total + 1} data-testid="order-table">
      <div role="rowgroup" className="thead">
        <div role="row" className="tr" style={{ gridTemplateColumns: gridTemplate }} aria-rowindex={1}>
          {headers.map((h) => {
            const sortable = SORTABLE.has(h.id);
            const dir = sorting[0]?.id === h.id ? (sorting[0].desc ? 'descending' : 'ascending') : 'none';
            return (
              <div role="columnheader" key={h.id} className="th" aria-sort={sortable ? dir : undefined}>
                {sortable ? (
                  <button
                    type="button"
                    className="sort"
                    onClick={() => props.onSortingChange([{ id: h.id, desc: dir === 'ascending' }])}
                  >
                    {flexRender(h.column.columnDef.header, h.getContext())}
                    <span aria-hidden="true">{dir === 'ascending' ? ' ▲' : dir === 'descending' ? ' ▼' : ''}</span>
                  </button>
                ) : (
                  flexRender(h.column.columnDef.header, h.getContext())
                )}
              </div>
            );
          })}
        </div>
      </div>
      <div ref={scrollRef} className="tbody-scroll" data-testid="order-table-scroll">
        <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const data = getRow(item.index);
            const row = data ? byRef.get(data.ref) : undefined;
            return (
              <div
                role="row"
                key={data?.ref ?? `i${item.index}`}
                aria-rowindex={item.index + 2}
                aria-selected={row ? row.getIsSelected() : undefined}
                className={`tr ${row?.getIsSelected() ? 'selected' : ''}`}
                data-testid="order-row"
                style={{ gridTemplateColumns: gridTemplate, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
              >
                {row ? (
                  row.getVisibleCells().map((cell) => (
                    <div role="cell" key={cell.id} className={`td col-${cell.column.id}`}>
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </div>
                  ))
                ) : (
                  <div role="cell" className="td placeholder">
                    Loading…
                  </div>
                )}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
