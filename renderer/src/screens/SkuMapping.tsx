// SKU mapping: the InventoryID -> warehouse SKU table (edit, add, delete), CSV import/export, and the orders held
// because the warehouse did not know a SKU.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import type { SkuMapping } from '../../../main/ipc/views.js';
import { useCall } from '../api/context.js';
import { keys } from '../api/keys.js';
import { ErrorBox } from '../components/ErrorBox.js';
import { Empty, Loading } from '../components/Loading.js';
import { downloadText } from '../download.js';
import { SEARCH_DEBOUNCE_MS, useDebounced } from '../hooks/useDebounced.js';
import { useMarkReady } from '../hooks/useReady.js';
import { useShortcut } from '../hooks/useShortcut.js';
import { useNavigate } from '../nav.js';
import type { SkuFormValues } from './SkuForm.js';
import { SkuForm } from './SkuForm.js';

function HeldOrders() {
  const run = useCall();
  const go = useNavigate();
  const held = useQuery({ queryKey: keys.skuHeld, queryFn: () => run('sku.heldOrders', {}) });
  if (held.isPending) return <Loading what="held orders" />;
  if (held.isError) return <ErrorBox error={held.error} onRetry={() => void held.refetch()} />;
  if (held.data.length === 0) return <Empty>No orders are held for unknown SKUs.</Empty>;
  return (
    <ul className="held-list" data-testid="sku-held">
      {held.data.map((o) => (
        <li key={o.ref}>
          <button type="button" className="link" onClick={() => go({ name: 'order', ref: o.ref })}>
            {o.ref}
          </button>{' '}
          {o.attention ?? o.lastError?.message ?? ''}
        </li>
      ))}
    </ul>
  );
}

export function SkuMappingScreen() {
  const run = useCall();
  const qc = useQueryClient();
  const [searchText, setSearchText] = useState('');
  const search = useDebounced(searchText.trim(), SEARCH_DEBOUNCE_MS);
  const [editing, setEditing] = useState<SkuMapping | 'new' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  useShortcut('/', () => searchRef.current?.focus());

  const list = useQuery({
    queryKey: keys.skuList(search),
    queryFn: () => run('sku.list', search ? { search } : {}),
    placeholderData: (prev) => prev,
  });
  useMarkReady(list.isSuccess || list.isError);
  const refresh = () => void qc.invalidateQueries({ queryKey: keys.sku });

  const remove = useMutation({
    mutationFn: (m: SkuMapping) => run('sku.delete', { inventoryId: m.inventoryId, uom: m.uom }),
    onSuccess: () => {
      setNotice('Mapping deleted.');
      refresh();
    },
  });
  const importCsv = useMutation({
    mutationFn: (csv: string) => run('sku.importCsv', { csv }),
    onSuccess: (r) => {
      setNotice(`${r.imported} mapping(s) imported.`);
      refresh();
    },
  });
  const exportCsv = useMutation({ mutationFn: () => run('sku.exportCsv', {}), onSuccess: (r) => downloadText(r.fileName, r.csv) });

  const save = async (values: SkuFormValues) => {
    const old = editing !== 'new' ? editing : null;
    await run('sku.save', { rows: [{ ...values, components: old?.components ?? [] }] });
    // Renaming the key (InventoryID or UOM) replaces the old mapping.
    if (old && (old.inventoryId !== values.inventoryId || old.uom !== values.uom)) {
      await run('sku.delete', { inventoryId: old.inventoryId, uom: old.uom });
    }
    setEditing(null);
    setNotice(`Mapping for ${values.inventoryId} saved.`);
    refresh();
  };

  return (
    <div className="sku" data-testid="sku-mapping">
      <h2>SKU mapping</h2>
      <p>When the warehouse knows an item by another code than its Acumatica Inventory ID, map it here.</p>
      <div className="toolbar">
        <label className="search">
          <span>Search mappings — press /</span>
          <input ref={searchRef} type="search" data-testid="sku-search" value={searchText} onChange={(e) => setSearchText(e.target.value)} />
        </label>
        <button type="button" data-testid="sku-add" onClick={() => setEditing('new')}>
          Add mapping
        </button>
        <label className="file-button">
          Import CSV
          <input
            type="file"
            accept=".csv,text/csv"
            data-testid="sku-import"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void file.text().then((csv) => importCsv.mutate(csv));
            }}
          />
        </label>
        <button type="button" data-testid="sku-export" onClick={() => exportCsv.mutate()} disabled={exportCsv.isPending}>
          Export CSV
        </button>
      </div>
      {notice ? (
        <p role="status" className="notice" data-testid="sku-notice">
          {notice}
        </p>
      ) : null}
      {importCsv.data && importCsv.data.errors.length > 0 ? (
        <div role="alert" className="error-box" data-testid="sku-import-errors">
          <p>Some rows were not imported. Fix them in the file and import it again:</p>
          <ul>
            {importCsv.data.errors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {importCsv.isError ? <ErrorBox title="The file was not imported" error={importCsv.error} /> : null}
      {exportCsv.isError ? <ErrorBox title="Export failed" error={exportCsv.error} /> : null}
      {remove.isError ? <ErrorBox title="The mapping was not deleted" error={remove.error} /> : null}
      {editing ? (
        <SkuForm
          key={editing === 'new' ? 'new' : `${editing.inventoryId}|${editing.uom}`}
          initial={editing === 'new' ? null : editing}
          onSave={save}
          onCancel={() => setEditing(null)}
        />
      ) : null}
      {list.isPending ? (
        <Loading what="SKU mappings" />
      ) : list.isError ? (
        <ErrorBox title="The mappings could not be loaded" error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.length === 0 ? (
        <Empty>{search ? `No mapping matches “${search}”.` : 'No mappings yet: every Inventory ID is sent as the SKU.'}</Empty>
      ) : (
        <table className="data" data-testid="sku-table">
          <thead>
            <tr>
              <th scope="col">Inventory ID</th>
              <th scope="col">UOM</th>
              <th scope="col">Warehouse SKU</th>
              <th scope="col">Factor</th>
              <th scope="col">Kit components</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((m) => (
              <tr key={`${m.inventoryId}|${m.uom}`} data-testid="sku-row">
                <td>{m.inventoryId}</td>
                <td>{m.uom || 'any'}</td>
                <td>{m.sku}</td>
                <td>{m.factor}</td>
                <td>{m.components.map((c) => `${c.sku} × ${c.quantity}`).join(', ') || '—'}</td>
                <td>
                  <button type="button" aria-label={`Edit ${m.inventoryId}`} onClick={() => setEditing(m)}>
                    Edit
                  </button>{' '}
                  <button
                    type="button"
                    aria-label={`Delete ${m.inventoryId}`}
                    onClick={() => {
                      if (window.confirm(`Delete the mapping of ${m.inventoryId}?`)) remove.mutate(m);
                    }}
                  >
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>Orders held for unknown SKUs</h3>
      <HeldOrders />
    </div>
  );
}
