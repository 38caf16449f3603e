// Words for a batch job's progress: done/total, rate and time left, shared by the view and its tests.
import type { JobRecord } from '../../storage/collections-db.ts';

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '';
  if (seconds < 60) return `${Math.ceil(seconds)} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

const STATUS_WORDS: Record<JobRecord['status'], string> = {
  running: 'Running',
  paused: 'Paused',
  cancelled: 'Cancelled',
  done: 'Done',
  failed: 'Stopped by an error',
};

export function jobSummary(job: JobRecord, rate?: number, etaSeconds?: number): string {
  const parts = [`${STATUS_WORDS[job.status]}: ${job.done} of ${job.total} notes`];
  if (job.status === 'running' && rate) {
    parts.push(`${rate >= 10 ? Math.round(rate) : rate.toFixed(1)} notes/s`);
    if (etaSeconds !== undefined && job.done < job.total) parts.push(`about ${formatDuration(etaSeconds)} left`);
  }
  return parts.join(' · ');
}
