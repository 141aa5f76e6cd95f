// Example of an intranet page's own script: it mounts the referral form and
// prefills the referrer with the signed-in team member's details.
// (In a real intranet these come from the user's session, not from a constant.)
window.ReferralSeal.mount(document.getElementById('referral-seal-here'), {
  referrer: {
    team: 'Lokaal team Kind en Gezin Menen',
    name: 'An Peeters',
    phone: '056 12 34 56',
    email: 'an.peeters@example.com',
  },
  inactivityMinutes: 15,
});
