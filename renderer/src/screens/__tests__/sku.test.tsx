import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { SkuMapping } from '../../../../main/ipc/views.js';
import { createFakeApi, fail } from '../../test/fake-api.js';
import { orderRow } from '../../test/fixtures.js';
import { renderWith } from '../../test/render.js';
import { SkuMappingScreen } from '../SkuMapping.js';

function api(rows: SkuMapping[]) {
  return createFakeApi({
    'sku.list': () => rows,
    'sku.heldOrders': () => [orderRow(9, { state: 'held', attention: 'The warehouse does not know SKU BOLT-9' })],
    'sku.save': (input) => {
      for (const r of input.rows) rows.push({ uom: '', factor: 1, components: [], ...r });
      return { saved: input.rows.length };
    },
    'sku.importCsv': () => ({ imported: 2, errors: ['Line 4: the SKU is empty'] }),
  });
}

describe('SKU mapping', () => {
  it('edits a mapping and saves it with sku.save; shows held orders', async () => {
    const fake = api([{ inventoryId: 'WIDGET', uom: '', sku: 'WDG-01', factor: 1, components: [] }]);
    renderWith(fake, <SkuMappingScreen />);
    expect(await screen.findByTestId('sku-held')).toHaveTextContent('does not know SKU BOLT-9');
    await userEvent.click(await screen.findByRole('button', { name: 'Edit WIDGET' }));
    const sku = screen.getByLabelText('Warehouse SKU');
    expect(sku).toHaveValue('WDG-01');
    await userEvent.clear(sku);
    await userEvent.type(sku, 'WDG-02');
    await userEvent.clear(screen.getByLabelText('Warehouse units per Acumatica unit'));
    await userEvent.type(screen.getByLabelText('Warehouse units per Acumatica unit'), '12');
    await userEvent.click(screen.getByTestId('sku-save'));
    await waitFor(() =>
      expect(fake.callsTo('sku.save')).toEqual([{ rows: [{ inventoryId: 'WIDGET', uom: '', sku: 'WDG-02', factor: 12, components: [] }] }]),
    );
    expect(await screen.findByTestId('sku-notice')).toHaveTextContent('Mapping for WIDGET saved');
  });

  it('validates a new mapping and keeps the values when the save fails', async () => {
    const fake = api([]);
    fake.handlers['sku.save'] = () => fail({ kind: 'storage', message: 'The database is read-only.' });
    renderWith(fake, <SkuMappingScreen />);
    expect(await screen.findByTestId('empty')).toHaveTextContent('No mappings yet');
    await userEvent.click(screen.getByTestId('sku-add'));
    await userEvent.click(screen.getByTestId('sku-save'));
    expect(await screen.findByText('Enter the Acumatica Inventory ID')).toBeInTheDocument();
    expect(screen.getByText('Enter the warehouse SKU')).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText('Acumatica Inventory ID'), 'BOLT');
    await userEvent.type(screen.getByLabelText('Warehouse SKU'), 'BOLT-9');
    await userEvent.click(screen.getByTestId('sku-save'));
    expect(await screen.findByText('The mapping was not saved')).toBeInTheDocument();
    expect(screen.getByLabelText('Acumatica Inventory ID')).toHaveValue('BOLT');
  });

  it('imports a CSV file and lists the rows it could not take', async () => {
    const fake = api([]);
    renderWith(fake, <SkuMappingScreen />);
    await screen.findByTestId('empty');
    const file = new File(['inventoryId,sku\nA,B\n'], 'map.csv', { type: 'text/csv' });
    await userEvent.upload(screen.getByTestId('sku-import'), file);
    await waitFor(() => expect(fake.callsTo('sku.importCsv')).toEqual([{ csv: 'inventoryId,sku\nA,B\n' }]));
    expect(await screen.findByTestId('sku-import-errors')).toHaveTextContent('Line 4: the SKU is empty');
  });
});
