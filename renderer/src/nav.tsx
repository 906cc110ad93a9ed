// Lets any screen open another one without knowing how routing works.
import { createContext, useContext } from 'react';
import type { Route } from './router.js';

export const NavContext = createContext<(r: Route) => void>(() => undefined);

export function useNavigate(): (r: Route) => void {
  return useContext(NavContext);
}
