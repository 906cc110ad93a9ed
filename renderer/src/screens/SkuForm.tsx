// The form that adds or edits one InventoryID -> SKU mapping, validated with the API's own rules.
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { skuMapping } from '../../../main/ipc/schemas.js';
import type { SkuMapping } from '../../../main/ipc/views.js';
import { toErrorInfo } from '../api/errors.js';
import { ErrorBox } from '../components/ErrorBox.js';
import { Field } from '../components/Field.js';

const skuFormSchema = z.object({
  inventoryId: skuMapping.shape.inventoryId,
  uom: z.string().trim().max(20, 'At most 20 characters'),
  sku: skuMapping.shape.sku,
  factor: z.number({ error: 'Enter a number, e.g. 1' }).positive('The factor must be more than 0'),
});
export type SkuFormValues = z.infer<typeof skuFormSchema>;

export function SkuForm({
  initial,
  onSave,
  onCancel,
}: {
  initial: SkuMapping | null;
  onSave: (values: SkuFormValues) => Promise<void>;
  onCancel: () => void;
}) {
  const form = useForm<SkuFormValues>({
    resolver: zodResolver(skuFormSchema),
    defaultValues: initial
      ? { inventoryId: initial.inventoryId, uom: initial.uom, sku: initial.sku, factor: initial.factor }
      : { inventoryId: '', uom: '', sku: '', factor: 1 },
  });
  const { errors, isSubmitting } = form.formState;
  const [saveError, setSaveError] = useState<unknown>(null);

  const submit = form.handleSubmit(async (values) => {
    setSaveError(null);
    try {
      await onSave(values);
    } catch (e) {
      // Keep what was typed; show the API's words and mark its fields.
      const info = toErrorInfo(e);
      for (const [field, msg] of Object.entries(info.fields ?? {})) {
        const name = field.split('.').pop();
        if (name === 'inventoryId' || name === 'uom' || name === 'sku' || name === 'factor') form.setError(name, { message: msg });
      }
      setSaveError(e);
    }
  });

  return (
    <form className="card form" onSubmit={(e) => void submit(e)} data-testid="sku-form" aria-label={initial ? `Edit mapping ${initial.inventoryId}` : 'New mapping'} noValidate>
      <h3>{initial ? `Edit ${initial.inventoryId}` : 'New mapping'}</h3>
      <div className="fields">
        <Field label="Acumatica Inventory ID" error={errors.inventoryId?.message} id="sku-inventoryId">
          <input id="sku-inventoryId" {...form.register('inventoryId')} aria-invalid={!!errors.inventoryId} />
        </Field>
        <Field label="Unit of measure (empty = any)" error={errors.uom?.message} id="sku-uom">
          <input id="sku-uom" {...form.register('uom')} aria-invalid={!!errors.uom} />
        </Field>
        <Field label="Warehouse SKU" error={errors.sku?.message} id="sku-sku">
          <input id="sku-sku" {...form.register('sku')} aria-invalid={!!errors.sku} />
        </Field>
        <Field label="Warehouse units per Acumatica unit" error={errors.factor?.message} id="sku-factor">
          <input id="sku-factor" type="number" step="any" min="0" {...form.register('factor', { valueAsNumber: true })} aria-invalid={!!errors.factor} />
        </Field>
      </div>
      {saveError ? <ErrorBox title="The mapping was not saved" error={saveError} /> : null}
      <div className="controls">
        <button type="submit" disabled={isSubmitting} data-testid="sku-save">
          Save mapping
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

