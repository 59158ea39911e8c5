/** Kinds of organizations in the directory (R8.1, R8.5). */
export const organizationKinds = ['REGIONAL_AKIMAT', 'AKIMAT_UNIT', 'DISTRICT_AKIMAT', 'CITY_AKIMAT', 'RURAL_AKIMAT', 'STATE_BODY', 'PARTNER_AGENCY'] as const;
export type OrganizationKind = (typeof organizationKinds)[number];

export const districtKinds = ['DISTRICT', 'CITY'] as const;
export type DistrictKind = (typeof districtKinds)[number];
