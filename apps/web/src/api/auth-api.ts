import type { TLocale, TMe } from '@sagsgang/contracts';
import { api } from './client.js';

export type Me = TMe;
export type MeUnit = TMe['units'][number];

export const authApi = {
  me: (signal?: AbortSignal) => api.get<Me>('/api/auth/me', signal),
  setActiveUnit: (unitId: string | null) => api.put<void>('/api/auth/me/active-unit', { unitId }),
  setLocale: (locale: TLocale) => api.put<void>('/api/auth/me/locale', { locale }),
  logout: () => api.post<void>('/api/auth/logout'),
};
