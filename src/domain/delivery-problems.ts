/** How far back HR admins are shown messages that could not be delivered. */
export const DELIVERY_PROBLEM_DAYS = 7;
