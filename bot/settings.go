package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
)

// Settings persists per-server settings.
type Settings interface {
	// QAChannel returns the server's question channel, "" when none.
	QAChannel(ctx context.Context, guildID string) (string, error)
	// SetQAChannel sets (or, with "", clears) the server's question channel.
	SetQAChannel(ctx context.Context, guildID, channelID string) error
	// AnyQAChannel reports whether any server has a question channel, so
	// the gateway knows whether it needs the Message Content intent.
	AnyQAChannel(ctx context.Context) (bool, error)
}

// FileSettings keeps settings in a small JSON file, written atomically
// (temp file + rename), so a crash never leaves it half-written.
type FileSettings struct {
	path string
	mu   sync.Mutex
}

// NewFileSettings uses the settings file at path, created on first write.
func NewFileSettings(path string) *FileSettings { return &FileSettings{path: path} }

type settingsFile struct {
	QAChannels map[string]string `json:"qa_channels"` // guild id -> channel id
}

func (s *FileSettings) load() (settingsFile, error) {
	var f settingsFile
	data, err := os.ReadFile(s.path)
	if errors.Is(err, fs.ErrNotExist) {
		return settingsFile{QAChannels: map[string]string{}}, nil
	}
	if err != nil {
		return f, fmt.Errorf("read settings: %w", err)
	}
	if err := json.Unmarshal(data, &f); err != nil {
		return f, fmt.Errorf("settings file %s is not valid JSON (fix or delete it): %w", s.path, err)
	}
	if f.QAChannels == nil {
		f.QAChannels = map[string]string{}
	}
	return f, nil
}

// QAChannel implements Settings.
func (s *FileSettings) QAChannel(ctx context.Context, guildID string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f, err := s.load()
	return f.QAChannels[guildID], err
}

// AnyQAChannel implements Settings.
func (s *FileSettings) AnyQAChannel(ctx context.Context) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f, err := s.load()
	return len(f.QAChannels) > 0, err
}

// SetQAChannel implements Settings.
func (s *FileSettings) SetQAChannel(ctx context.Context, guildID, channelID string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	f, err := s.load()
	if err != nil {
		return err
	}
	if channelID == "" {
		delete(f.QAChannels, guildID)
	} else {
		f.QAChannels[guildID] = channelID
	}
	data, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(s.path), 0o755); err != nil {
		return fmt.Errorf("save settings: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(s.path), ".settings-*")
	if err != nil {
		return fmt.Errorf("save settings: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("save settings: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("save settings: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("save settings: %w", err)
	}
	if err := os.Rename(tmp.Name(), s.path); err != nil {
		return fmt.Errorf("save settings: %w", err)
	}
	return nil
}
