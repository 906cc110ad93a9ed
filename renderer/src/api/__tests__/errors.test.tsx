import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ErrorBox } from '../../components/ErrorBox.js';
import { ApiError, toErrorInfo } from '../errors.js';

describe('error words', () => {
  it('shows a stored ErrorInfo (on an order or fulfillment) as it is, not as an unexpected error', () => {
    const stored = { kind: 'business' as const, message: 'Acumatica refused the Shipment', serverMessage: 'Ship Via: inactive' };
    expect(toErrorInfo(stored)).toEqual(stored);
    render(<ErrorBox error={stored} />);
    expect(screen.getByRole('alert')).toHaveTextContent('Acumatica refused the Shipment');
    expect(screen.getByRole('alert')).toHaveTextContent('Ship Via: inactive');
    expect(screen.getByRole('alert')).not.toHaveTextContent('[object Object]');
  });

  it('keeps thrown API errors and words anything else as unexpected', () => {
    expect(toErrorInfo(new ApiError({ kind: 'transient', message: 'later' })).kind).toBe('transient');
    expect(toErrorInfo(new Error('boom'))).toEqual({ kind: 'internal', message: 'Unexpected error: boom' });
  });
});
