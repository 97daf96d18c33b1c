exports.toSeconds = (d) => (d.minutes || 0) * 60 + (d.seconds || 0);
