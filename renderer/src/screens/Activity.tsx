// Activity: the searchable log of what the app did (secrets are redacted by the core before they get here).
import { useQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useCall } from '../api/context.js';
import { keys } from '../api/keys.js';
import { ErrorBox } from '../components/ErrorBox.js';
import { Empty, Loading } from '../components/Loading.js';
import { formatCount, formatDateTime } from '../format.js';
import { SEARCH_DEBOUNCE_MS, useDebounced } from '../hooks/useDebounced.js';
import { useMarkReady } from '../hooks/useReady.js';
import { useShortcut } from '../hooks/useShortcut.js';
import { useNavigate } from '../nav.js';

const STEP = 200;

export function Activity() {
  const run = useCall();
  const go = useNavigate();
  const [searchText, setSearchText] = useState('');
  const search = useDebounced(searchText.trim(), SEARCH_DEBOUNCE_MS);
  const [limit, setLimit] = useState(STEP);
  const searchRef = useRef<HTMLInputElement>(null);
  useShortcut('/', () => searchRef.current?.focus());
  const list = useQuery({
    queryKey: [...keys.activity, search, limit],
    queryFn: () => run('activity.list', { ...(search ? { search } : {}), offset: 0, limit }),
    placeholderData: (prev) => prev,
  });
  useMarkReady(list.isSuccess || list.isError);

  return (
    <div className="activity" data-testid="activity">
      <h2>Activity</h2>
      <div className="toolbar">
        <label className="search">
          <span>Search the activity log — press /</span>
          <input
            ref={searchRef}
            type="search"
            data-testid="activity-search"
            value={searchText}
            onChange={(e) => {
              setSearchText(e.target.value);
              setLimit(STEP);
            }}
          />
        </label>
        {list.data ? <span className="count">{formatCount(list.data.total)} entries</span> : null}
      </div>
      {list.isPending ? (
        <Loading what="the activity log" />
      ) : list.isError ? (
        <ErrorBox title="The activity log could not be loaded" error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.rows.length === 0 ? (
        <Empty>{search ? `Nothing in the log matches “${search}”.` : 'Nothing has happened yet.'}</Empty>
      ) : (
        <>
          <table className="data" data-testid="activity-table">
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Level</th>
                <th scope="col">Order</th>
                <th scope="col">What happened</th>
              </tr>
            </thead>
            <tbody>
              {list.data.rows.map((e) => (
                <tr key={e.id} className={e.level} data-testid="activity-row">
                  <td>
                    <time dateTime={e.at}>{formatDateTime(e.at)}</time>
                  </td>
                  <td>{e.level === 'error' ? 'Error' : e.level === 'warn' ? 'Warning' : 'Info'}</td>
                  <td>
                    {e.orderRef ? (
                      <button type="button" className="link" onClick={() => go({ name: 'order', ref: e.orderRef ?? '' })}>
                        {e.orderRef}
                      </button>
                    ) : (
                      '—'
                    )}
                  </td>
                  <td>{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {list.data.total > list.data.rows.length ? (
            <button type="button" onClick={() => setLimit((l) => Math.min(l + STEP, 5_000))} disabled={limit >= 5_000}>
              Show more
            </button>
          ) : null}
        </>
      )}
    </div>
  );
}
